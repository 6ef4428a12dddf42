/**
 * bench/detect: prompts per second through every inline detector (the registry the server builds
 * from the default config), on ~1 KB prompts, one core. Baselines in the same run: SHA-256 of the
 * same prompts (which the pipeline computes anyway for input_hash) and one lower-casing pass.
 *
 *   npx tsx bench/detect/run.ts [--seconds 5]
 */
import { createHash } from 'node:crypto';
import { parseConfig } from '../../src/config/load.js';
import { createDetectorRegistry } from '../../src/detect/wiring.js';
import { arg, fmt, percentile } from '../support/stats.js';
import { prompt } from './prompts.js';

const seconds = arg('seconds', 5);
const prompts = Array.from({ length: 1000 }, (_, i) => prompt(i));
const avg = prompts.reduce((n, p) => n + p.length, 0) / prompts.length;

function rate(work: (text: string) => unknown, ms: number): { perSec: number; samples: number[] } {
  const samples: number[] = [];
  for (let i = 0; i < 200; i++) work(prompts[i]!); // warm up
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    const t0 = performance.now();
    work(prompts[n % prompts.length]!);
    samples.push((performance.now() - t0) * 1000);
    n++;
  }
  return { perSec: n / ((performance.now() - start) / 1000), samples: samples.sort((a, b) => a - b) };
}

const registry = createDetectorRegistry(parseConfig({}));
const sha = rate((t) => createHash('sha256').update(t).digest('hex'), 1500);
const lower = rate((t) => t.toLowerCase(), 1500);
const all = rate((t) => registry.run(t, { field: 'prompt' }), seconds * 1000);
console.log(
  `prompts: ${prompts.length} distinct, ${fmt(avg)} chars avg; detectors: ${registry
    .list()
    .map((d) => d.id)
    .join(', ')}`,
);
console.log(
  `all detectors:  ${fmt(all.perSec)} prompts/s (one core), p50 ${fmt(percentile(all.samples, 50), 1)} µs, p99 ${fmt(percentile(all.samples, 99), 1)} µs`,
);
console.log(
  `baseline sha256: ${fmt(sha.perSec)} prompts/s → detectors/sha256 ${(all.perSec / sha.perSec).toFixed(3)}`,
);
console.log(
  `baseline toLowerCase: ${fmt(lower.perSec)} prompts/s → detectors/lowercase ${(all.perSec / lower.perSec).toFixed(3)}`,
);
for (const d of registry.list()) {
  const one = rate((t) => d.detect(t, { field: 'prompt' }), 800);
  console.log(`  ${d.id.padEnd(24)} ${fmt(one.perSec).padStart(10)} prompts/s alone`);
}

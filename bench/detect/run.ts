/**
 * bench/detect: prompts per second through every inline detector (the registry the server builds
 * from the default config), on ~1 KB prompts, one core. Baselines in the same run: SHA-256 of the
 * same prompts (which the pipeline computes anyway for input_hash) and one lower-casing pass.
 *
 * Rates are per CPU-second of this process (process.cpuUsage), best of several interleaved
 * rounds, so that other jobs on a shared machine skew them less than wall-clock time would;
 * latency percentiles are wall-clock per prompt.
 *
 *   npx tsx bench/detect/run.ts [--seconds 5] [--compare ../main]
 *
 * `--compare DIR` loads the detectors of another checkout (its src/) into the same process and
 * times the two in back-to-back pairs: on a machine shared with other jobs, the median ratio of
 * the pairs is far steadier than either rate.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../../src/config/load.js';
import type { DetectorRegistry } from '../../src/detect/registry.js';
import { createDetectorRegistry } from '../../src/detect/wiring.js';
import { arg, fmt, percentile } from '../support/stats.js';
import { prompt } from './prompts.js';

const seconds = arg('seconds', 5);
const ROUNDS = 5;
/** Back-to-back pairs per detector in `--compare` mode. */
const PAIRS = 20;
const prompts = Array.from({ length: 1000 }, (_, i) => prompt(i));
const avg = prompts.reduce((n, p) => n + p.length, 0) / prompts.length;

/** Prompts per CPU-second over `ms` of wall time. */
function cpuRate(work: (text: string) => unknown, ms: number): number {
  for (let i = 0; i < 200; i++) work(prompts[i]!); // warm up
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  let n = 0;
  while (performance.now() - start < ms) {
    for (let k = 0; k < 20; k++) work(prompts[(n + k) % prompts.length]!);
    n += 20;
  }
  const cpu = process.cpuUsage(cpu0);
  return n / ((cpu.user + cpu.system) / 1e6);
}

/**
 * The least any detector that reads words does: one JavaScript pass over the characters, hashing
 * each word. Its cost on this machine says how many passes over a prompt a time budget allows.
 */
function wordPass(text: string): number {
  let sum = 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57))
      h = Math.imul(h ^ c, 0x01000193);
    else if (h !== 0x811c9dc5) {
      sum = (sum + h) | 0;
      h = 0x811c9dc5;
    }
  }
  return sum;
}

function latencies(work: (text: string) => unknown, count: number): number[] {
  const samples: number[] = [];
  for (let n = 0; n < count; n++) {
    const t0 = performance.now();
    work(prompts[n % prompts.length]!);
    samples.push((performance.now() - t0) * 1000);
  }
  return samples.sort((a, b) => a - b);
}

const registry = createDetectorRegistry(parseConfig({}));
const compareDir = process.argv.includes('--compare')
  ? resolve(process.argv[process.argv.indexOf('--compare') + 1] ?? '')
  : undefined;
const other = compareDir ? await loadRegistry(compareDir) : undefined;
const cases: [string, (t: string) => unknown][] = [
  ['all detectors', (t) => registry.run(t, { field: 'prompt' })],
  ['baseline sha256', (t) => createHash('sha256').update(t).digest('hex')],
  ['baseline toLowerCase', (t) => t.toLowerCase()],
  ['baseline word pass', wordPass],
  ...registry
    .list()
    .map((d): [string, (t: string) => unknown] => [d.id, (t) => d.detect(t, { field: 'prompt' })]),
  ...(other
    ? other
        .list()
        .map((d): [string, (t: string) => unknown] => [
          `compare ${d.id}`,
          (t) => d.detect(t, { field: 'prompt' }),
        ])
        .concat([['compare all detectors', (t) => other.run(t, { field: 'prompt' })]])
    : []),
];
const best = new Map<string, number>();
for (let r = 0; r < ROUNDS; r++)
  for (const [name, work] of cases) {
    if (name.startsWith('compare ')) continue;
    const ms = name.endsWith('all detectors') ? (seconds * 1000) / ROUNDS : 300;
    best.set(name, Math.max(best.get(name) ?? 0, cpuRate(work, ms)));
  }
const lat = latencies(cases[0]![1], 20_000);
const all = best.get('all detectors')!;
console.log(
  `prompts: ${prompts.length} distinct, ${fmt(avg)} chars avg; detectors: ${registry
    .list()
    .map((d) => d.id)
    .join(', ')}`,
);
console.log(
  `all detectors:  ${fmt(all)} prompts/s per core (CPU time, best of ${ROUNDS}), p50 ${fmt(percentile(lat, 50), 1)} µs, p99 ${fmt(percentile(lat, 99), 1)} µs (wall)`,
);
for (const name of ['baseline sha256', 'baseline toLowerCase', 'baseline word pass'])
  console.log(
    `${name}: ${fmt(best.get(name)!)} prompts/s (${fmt(1e6 / best.get(name)!, 1)} µs) → detectors/${name.slice(9)} ${(all / best.get(name)!).toFixed(3)}`,
  );
for (const d of registry.list())
  console.log(`  ${d.id.padEnd(24)} ${fmt(best.get(d.id)!).padStart(10)} prompts/s alone`);
if (other) {
  console.log(
    `compared with ${compareDir}: this checkout's rate / that checkout's rate, median of ${PAIRS} back-to-back pairs (p25–p75)`,
  );
  for (const id of ['all detectors', ...registry.list().map((d) => d.id)]) {
    const mine = cases.find(([name]) => name === id)?.[1];
    const theirs = cases.find(([name]) => name === `compare ${id}`)?.[1];
    if (!mine || !theirs) continue;
    const ratios = pairedRatios(mine, theirs, id === 'all detectors' || id === 'injection' ? 250 : 60);
    console.log(
      `  ${id.padEnd(24)} ×${percentile(ratios, 50).toFixed(2)} (${percentile(ratios, 25).toFixed(2)}–${percentile(ratios, 75).toFixed(2)})`,
    );
  }
}

/**
 * Ratios of this checkout's rate to the other's, each measured in two slices run back to back (in
 * alternating order): a neighbour's load that slows both slices of a pair cancels out, which the
 * best-of-rounds rates above cannot do on a shared two-core machine.
 */
function pairedRatios(mine: (t: string) => unknown, theirs: (t: string) => unknown, ms: number): number[] {
  const ratios: number[] = [];
  for (let p = 0; p < PAIRS; p++) {
    const first = p % 2 === 0;
    const a = first ? cpuRate(mine, ms) : cpuRate(theirs, ms);
    const b = first ? cpuRate(theirs, ms) : cpuRate(mine, ms);
    ratios.push(first ? a / b : b / a);
  }
  return ratios.sort((x, y) => x - y);
}

/** The default-config detector registry of another checkout, from its TypeScript sources. */
async function loadRegistry(dir: string): Promise<DetectorRegistry> {
  const load = (await import(
    pathToFileURL(join(dir, 'src/config/load.ts')).href
  )) as typeof import('../../src/config/load.js');
  const wiring = (await import(
    pathToFileURL(join(dir, 'src/detect/wiring.ts')).href
  )) as typeof import('../../src/detect/wiring.js');
  return wiring.createDetectorRegistry(load.parseConfig({}));
}

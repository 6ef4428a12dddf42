import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { LocalKeyProvider } from '../../src/crypto/local-key-provider.js';
import { eventInputSchema } from '../../src/events/schema.js';
import { createPipeline } from '../../src/pipeline/build.js';

const dir = mkdtempSync(join(tmpdir(), 'sl-fuzz-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const config = parseConfig({ data_dir: dir, content_logging: { enabled: true } });
const pipeline = createPipeline(config, new LocalKeyProvider(join(dir, 'keys')), Buffer.alloc(32, 1));

/** Pieces that drive backtracking in naive PII, secret, link and injection patterns. */
const FRAGMENTS = [
  'a',
  '@',
  '.',
  '-',
  '_',
  ' ',
  '\n',
  '0',
  '9',
  '+',
  '=',
  '/',
  ':',
  '(',
  ')',
  '[',
  ']',
  '!',
  '`',
  'http://',
  'https://x.',
  '![',
  '](',
  'ignore ',
  'previous ',
  'instructions',
  'sk-',
  'AKIA',
  'eyJ',
  '-----BEGIN ',
  'PRIVATE KEY',
  'DE89',
  '4111 1111 ',
  '\u200b',
  '\u{e0041}',
  'а',
  'ℹ',
  '%2e',
  '&#x',
];

function timed(prompt: string): number {
  const input = eventInputSchema.parse({
    kind: 'llm.call',
    content: { prompt, response: prompt.slice(0, 5000) },
  });
  const start = performance.now();
  pipeline.process(input);
  return performance.now() - start;
}

describe('fuzz: detection pipeline over hostile text', () => {
  it('random mixes of attack fragments, repeated to 50k characters, stay fast', () => {
    let worst = 0;
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 12 }), (parts) => {
        const unit = parts.join('');
        const text = unit.repeat(Math.ceil(50_000 / unit.length)).slice(0, 50_000);
        worst = Math.max(worst, timed(text));
      }),
      { numRuns: 60 },
    );
    // Linear patterns: 50k characters take milliseconds; a backtracking one would take seconds.
    expect(worst).toBeLessThan(1500);
  });

  it('classic regex-bomb shapes and a prompt near the 1 MB limit', () => {
    const bombs = [
      'a'.repeat(100_000) + '!',
      'a@'.repeat(50_000),
      'x.'.repeat(50_000) + '@',
      '1 '.repeat(50_000),
      '='.repeat(100_000),
      '!['.repeat(30_000) + '](',
      'https://' + 'a.'.repeat(40_000),
      'A'.repeat(200_000),
    ];
    for (const b of bombs) expect(timed(b)).toBeLessThan(1500);
    expect(timed('ignore previous instructions '.repeat(34_000))).toBeLessThan(3000);
  });
});

import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/load.js';

const dir = mkdtempSync(join(tmpdir(), 'sl-fuzz-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Loads a YAML text as a config file: a config or a ConfigError, nothing else. */
function load(text: string | Buffer) {
  const file = join(dir, 'config.yaml');
  writeFileSync(file, text);
  try {
    return loadConfig({ file, env: {} });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
}

const KEYS = [
  'data_dir',
  'server',
  'store',
  'content_logging',
  'spool',
  'governance',
  'detection',
  'gateway',
  'dashboard',
];

describe('fuzz: configuration', () => {
  it('any object: a valid config or a ConfigError naming the path', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string()), fc.jsonValue({ maxDepth: 4 })),
        (o) => {
          try {
            parseConfig(o);
          } catch (e) {
            expect(e).toBeInstanceOf(ConfigError);
            for (const issue of (e as ConfigError).issues) expect(issue).toMatch(/^[^:]+: /);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('governance blocks with wrong types are refused by path', () => {
    fc.assert(
      fc.property(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom('retention', 'consent', 'regions'),
        (v, block) => {
          try {
            parseConfig({ governance: { [block]: v } });
          } catch (e) {
            expect((e as ConfigError).issues.join('\n')).toContain(`governance`);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('random YAML text, invalid UTF-8 and YAML alias bombs', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), (text) => {
        load(text);
      }),
      { numRuns: 200 },
    );
    load(Buffer.from([0x64, 0x61, 0x74, 0x61, 0x5f, 0x64, 0x69, 0x72, 0x3a, 0x20, 0xff, 0xfe, 0xc3, 0x28]));
    // Billion laughs: each level references the previous one ten times.
    let bomb = 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      bomb += `${next}: &${next} [${Array(10).fill(`*${prev}`).join(',')}]\n`;
    }
    const start = performance.now();
    const r = load(bomb);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(r).toBeInstanceOf(ConfigError);
  });

  it('a huge config file is answered quickly', () => {
    const start = performance.now();
    const r = load(`data_dir: "${'d'.repeat(5 * 1024 * 1024)}"\nnot_a_key: 1\n`);
    expect(r).toBeInstanceOf(ConfigError);
    expect((r as ConfigError).message).toContain('not_a_key');
    expect((r as ConfigError).message.length).toBeLessThan(2000);
    // Linear: about 1 s alone, slower when the cores are shared; a hang would be minutes.
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});

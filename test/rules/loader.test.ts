import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatLoadError, loadRules, parseRuleFile } from '../../src/rules/loader.js';

const good = `id: good-rule
name: Good rule
description: A rule that loads fine for the test.
severity: P3
type: match
threat: [{ framework: MITRE ATLAS, tactic: AML.TA0005, technique: AML.T0051 }]
owasp: [LLM01]
note: Nothing to triage here, it is a test.
false_positives: [none]
where: { kind: llm.call }
tests:
  - { name: p, expect: alert, events: [{ kind: llm.call, caller: a }] }
  - { name: n, expect: none, events: [{ kind: egress, caller: a, egress: { destination: x } }] }
`;

let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('rule loader', () => {
  it('names the file, line and path of a schema error', () => {
    const bad = good.replace('severity: P3', 'severity: P7').replace('AML.T0051', 'AML.T9999');
    const r = parseRuleFile('rules/x.yaml', bad);
    expect(r.rule).toBeUndefined();
    const msgs = r.errors.map(formatLoadError);
    expect(msgs.some((m) => m.startsWith('rules/x.yaml:4: severity:'))).toBe(true);
  });

  it('rejects a technique not in the vendored ATLAS list and one under the wrong tactic', () => {
    const unknown = parseRuleFile('a.yaml', good.replace('AML.T0051', 'AML.T9999'));
    expect(unknown.errors.map(formatLoadError).join()).toMatch(
      /a\.yaml:6: threat\.0: unknown ATLAS technique AML\.T9999/,
    );
    const wrong = parseRuleFile('b.yaml', good.replace('AML.TA0005', 'AML.TA0010'));
    expect(wrong.errors[0]!.message).toMatch(/not under tactic AML\.TA0010/);
  });

  it('rejects an unknown where operator and bad test events, naming the path', () => {
    const r = parseRuleFile(
      'c.yaml',
      good.replace('where: { kind: llm.call }', 'where: { llm.total_tokens: { above: 3 } }'),
    );
    expect(r.errors.map((e) => e.path)).toContain('where.llm.total_tokens');
    const t = parseRuleFile(
      'd.yaml',
      good.replace('caller: a }] }\n  - { name: n', 'caller: a, colour: red }] }\n  - { name: n'),
    );
    expect(t.errors[0]!.path).toBe('tests.0.events');
    expect(t.errors[0]!.message).toMatch(/colour/);
  });

  it('keeps the good rules of a folder when one file is broken, and reports duplicates and dangling signals', () => {
    dir = mkdtempSync(join(tmpdir(), 'rules-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'good.yaml'), good);
    writeFileSync(join(dir, 'sub', 'dup.yaml'), good);
    writeFileSync(join(dir, 'broken.yaml'), 'id: [unclosed');
    writeFileSync(
      join(dir, 'corr.yaml'),
      good
        .replace('id: good-rule', 'id: corr-rule')
        .replace(
          'type: match',
          'type: correlation\nsignals: [good-rule, missing-rule]\nmin_signals: 1\nwindow: 5m',
        )
        .replace('where: { kind: llm.call }\n', ''),
    );
    const r = loadRules([dir]);
    expect(r.rules.map((x) => x.id).sort()).toEqual(['corr-rule', 'good-rule']);
    const msgs = r.errors.map(formatLoadError).join('\n');
    expect(msgs).toMatch(/broken\.yaml:1: \(yaml\)/);
    expect(msgs).toMatch(/dup\.yaml: id: duplicate rule id good-rule/);
    expect(msgs).toMatch(/corr\.yaml: signals\.1: no rule with id missing-rule/);
  });
});

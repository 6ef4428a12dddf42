import { describe, expect, it } from 'vitest';
import { atlasCatalog, checkThreat } from '../src/rules/atlas.js';
import { formatLoadError, loadRules } from '../src/rules/loader.js';
import { runRuleTests } from '../src/rules/test-runner.js';

/** The shipped pack as a whole: it loads cleanly, is mapped, and every rule proves both ways. */
const pack = loadRules();

describe('built-in rule pack', () => {
  it('loads without errors', () => {
    expect(pack.errors.map(formatLoadError)).toEqual([]);
    expect(pack.rules.length).toBeGreaterThanOrEqual(30);
  });

  it('has unique ids', () => {
    const ids = pack.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('maps every rule to a vendored ATLAS technique and an OWASP LLM id', () => {
    const owasp = atlasCatalog().owasp_llm;
    for (const r of pack.rules) {
      for (const t of r.threat) expect(checkThreat(t), `${r.id} ${t.technique}`).toEqual([]);
      for (const o of r.owasp) expect(owasp[o], `${r.id} ${o}`).toBeDefined();
    }
  });

  it('has the four correlated alerts with the seed severities', () => {
    const sev = Object.fromEntries(pack.rules.map((r) => [r.id, r.severity]));
    expect(sev).toMatchObject({
      'prompt-injection-campaign': 'P2',
      'credential-compromise': 'P1',
      'denial-of-wallet': 'P1',
      'safety-control-tampering': 'P1',
    });
  });

  for (const rule of pack.rules) {
    it(`${rule.id}: at least one positive and one negative test, all passing`, () => {
      expect(rule.tests.some((t) => t.expect === 'alert')).toBe(true);
      expect(rule.tests.some((t) => t.expect === 'none')).toBe(true);
      const failed = runRuleTests(rule, pack.rules).filter((r) => !r.passed);
      expect(failed).toEqual([]);
    });
  }
});

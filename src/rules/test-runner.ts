import { RuleEngine } from './engine.js';
import type { Rule } from './schema.js';
import { buildTestEvents } from './test-events.js';

export interface RuleTestResult {
  rule: string;
  test: string;
  expect: 'alert' | 'none';
  fired: number;
  passed: boolean;
  error?: string;
}

/** Runs one rule's tests; a correlation runs together with the signal rules it names. */
export function runRuleTests(rule: Rule, all: readonly Rule[]): RuleTestResult[] {
  const deps = rule.type === 'correlation' ? all.filter((r) => rule.signals.includes(r.id)) : [];
  return rule.tests.map((t) => {
    try {
      const engine = new RuleEngine(
        [{ ...rule, enabled: true }, ...deps.map((d) => ({ ...d, enabled: true }))],
        {
          lateness_ms: 60_000,
        },
      );
      const fired = engine.process(buildTestEvents(t.events)).filter((h) => h.rule.id === rule.id).length;
      return {
        rule: rule.id,
        test: t.name,
        expect: t.expect,
        fired,
        passed: fired > 0 === (t.expect === 'alert'),
      };
    } catch (e) {
      return {
        rule: rule.id,
        test: t.name,
        expect: t.expect,
        fired: 0,
        passed: false,
        error: (e as Error).message,
      };
    }
  });
}

export function runAllRuleTests(rules: readonly Rule[]): RuleTestResult[] {
  return rules.flatMap((r) => runRuleTests(r, rules));
}

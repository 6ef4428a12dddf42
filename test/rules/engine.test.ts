import { describe, expect, it } from 'vitest';
import { chiSquaredPValue, upperGammaQ } from '../../src/rules/chi-squared.js';
import { RuleEngine } from '../../src/rules/engine.js';
import { percentile } from '../../src/rules/evaluators/baseline.js';
import { ruleSchema, type Rule } from '../../src/rules/schema.js';
import { buildTestEvents } from '../../src/rules/test-events.js';

const base = {
  name: 'Test rule',
  description: 'A rule made up for an engine test.',
  severity: 'P3',
  threat: [{ framework: 'MITRE ATLAS', tactic: 'AML.TA0011', technique: 'AML.T0034' }],
  owasp: ['LLM10'],
  note: 'Nothing to triage here.',
  false_positives: ['none'],
  tests: [],
};
const rule = (r: Record<string, unknown>): Rule => ruleSchema.parse({ ...base, ...r });

const blocks = rule({
  id: 'blocks',
  type: 'threshold',
  window: '5m',
  group_by: ['caller'],
  above: 2,
  where: { status: 'blocked' },
});

describe('rule engine', () => {
  it('counts on event time, not arrival order, and drops events later than the allowed lateness', () => {
    const engine = new RuleEngine([blocks], { lateness_ms: 60_000 });
    const ev = buildTestEvents([
      { kind: 'llm.call', caller: 'a', status: 'blocked', repeat: 3, every: '1m' },
    ]);
    // Arrives out of order within the lateness: still counted, fires on the third.
    expect(engine.process([ev[1]!, ev[0]!]).length).toBe(0);
    expect(engine.process([ev[2]!]).length).toBe(1);

    const late = new RuleEngine([blocks], { lateness_ms: 60_000 });
    const far = buildTestEvents([{ kind: 'llm.call', caller: 'b', status: 'blocked', at: '30m' }]);
    late.process(far);
    // Three events 30 minutes behind the watermark: too late for a windowed rule.
    expect(
      late.process(buildTestEvents([{ kind: 'llm.call', caller: 'b', status: 'blocked', repeat: 3 }])).length,
    ).toBe(0);
    expect(late.stats.late).toBe(3);
  });

  it("rules on text statistics see them in rule tests, computed from the test event's content", () => {
    const mixed = rule({
      id: 'mixed-script',
      type: 'threshold',
      window: '5m',
      group_by: ['caller'],
      above: 0,
      where: { kind: 'llm.call', 'input_stats.script_mix': { gt: 0.05 } },
    });
    const engine = new RuleEngine([mixed]);
    const [salted, plain] = buildTestEvents([
      { kind: 'llm.call', caller: 'a', content: { prompt: 'Log in to p\u0430yp\u0430l and c\u043enfirm' } },
      { kind: 'llm.call', caller: 'b', content: { prompt: 'Log in to paypal and confirm' }, at: '1s' },
    ]);
    expect(salted!.input_stats?.scripts).toBe(2);
    expect(plain!.input_stats).toMatchObject({ scripts: 1, script_mix: 0 });
    expect(engine.process([salted!, plain!]).map((h) => h.event_ids)).toEqual([[salted!.id]]);
  });

  it('keeps tenants apart', () => {
    const engine = new RuleEngine([blocks]);
    const a = buildTestEvents([
      { kind: 'llm.call', tenant: 't1', caller: 'a', status: 'blocked', repeat: 2 },
    ]);
    const b = buildTestEvents([
      { kind: 'llm.call', tenant: 't2', caller: 'a', status: 'blocked', at: '5s', repeat: 2 },
    ]);
    expect(engine.process([...a, ...b]).length).toBe(0);
  });

  it('rebuilds state by replaying stored events (what the module does on restart)', () => {
    const nv = rule({
      id: 'new-ip',
      type: 'new_value',
      fields: ['caller', 'source_ip'],
      lookback: '30d',
      known_entity: true,
      where: { kind: 'llm.call' },
    });
    const history = buildTestEvents([{ kind: 'llm.call', caller: 'a', source_ip: '10.0.0.1' }]);
    const restarted = new RuleEngine([nv]);
    restarted.process(history);
    const again = buildTestEvents([{ kind: 'llm.call', caller: 'a', source_ip: '10.0.0.1', at: '1h' }]);
    expect(restarted.process(again)).toEqual([]);
    const fresh = buildTestEvents([{ kind: 'llm.call', caller: 'a', source_ip: '10.0.0.9', at: '2h' }]);
    expect(restarted.process(fresh).map((h) => h.rule.id)).toEqual(['new-ip']);
  });

  it('does not re-fire a threshold for the same group within its window', () => {
    const engine = new RuleEngine([blocks]);
    const ev = buildTestEvents([
      { kind: 'llm.call', caller: 'a', status: 'blocked', repeat: 10, every: '10s' },
    ]);
    expect(engine.process(ev).length).toBe(1);
  });
});

describe('statistics', () => {
  it('chi-squared p-values match tabulated critical values', () => {
    // df = 1: chi2 = 3.841 ↔ p = 0.05; df = 4: chi2 = 13.277 ↔ p = 0.01.
    expect(upperGammaQ(0.5, 3.841 / 2)).toBeCloseTo(0.05, 3);
    expect(upperGammaQ(2, 13.277 / 2)).toBeCloseTo(0.01, 3);
    const same = new Map([
      ['a', 50],
      ['b', 50],
    ]);
    expect(
      chiSquaredPValue(
        same,
        new Map([
          ['a', 48],
          ['b', 52],
        ]),
      ),
    ).toBeGreaterThan(0.5);
    expect(
      chiSquaredPValue(
        same,
        new Map([
          ['a', 90],
          ['b', 10],
        ]),
      ),
    ).toBeLessThan(1e-6);
  });

  it('nearest-rank percentile', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 95)).toBe(10);
    expect(percentile([5, 1, 3], 50)).toBe(3);
  });
});

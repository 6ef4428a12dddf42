import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, isMissingRoute } from '../api.js';
import { Empty } from '../components/Panel.js';

interface RuleRow {
  id: string;
  name: string;
  enabled: boolean;
  technique: string;
  tactic: string;
  tests: string;
}

type Raw = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function toRow(r: Raw): RuleRow {
  const atlas = (r.atlas && typeof r.atlas === 'object' ? r.atlas : {}) as Raw;
  const tests =
    r.tests_passed ??
    r.tests_ok ??
    (r.tests && typeof r.tests === 'object' ? (r.tests as Raw).passed : undefined);
  return {
    id: str(r.id) ?? '',
    name: str(r.name) ?? str(r.title) ?? str(r.id) ?? '',
    enabled: r.enabled !== false,
    technique: str(atlas.technique) ?? str(r.atlas_technique) ?? 'unmapped',
    tactic: str(atlas.tactic) ?? str(r.atlas_tactic) ?? '',
    tests: tests === true ? 'pass' : tests === false ? 'fail' : 'unknown',
  };
}

/** ATLAS techniques × enabled rules, from the rules engine's API. */
export function Coverage() {
  const [rules, setRules] = useState<RuleRow[] | null>(null);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    api<unknown>('/v1/rules').then(
      (b) => {
        const list = Array.isArray(b) ? b : ((b as Raw).rules ?? []);
        setRules(Array.isArray(list) ? list.map((r) => toRow(r as Raw)) : []);
      },
      (e: unknown) =>
        setNote(
          isMissingRoute(e)
            ? 'The rules API is not installed on this server.'
            : e instanceof ApiError
              ? e.message
              : 'failed',
        ),
    );
  }, []);
  if (note)
    return (
      <main>
        <h1>Coverage</h1>
        <Empty text={note} />
      </main>
    );
  if (!rules)
    return (
      <main>
        <p>Loading…</p>
      </main>
    );
  const byTechnique = new Map<string, RuleRow[]>();
  for (const r of rules) byTechnique.set(r.technique, [...(byTechnique.get(r.technique) ?? []), r]);
  return (
    <main>
      <h1>Coverage: MITRE ATLAS × rules</h1>
      <table class="coverage">
        <thead>
          <tr>
            <th>Technique</th>
            <th>Tactic</th>
            <th>Rules (enabled)</th>
            <th>Tests</th>
          </tr>
        </thead>
        <tbody>
          {[...byTechnique.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([t, rs]) => {
              const enabled = rs.filter((r) => r.enabled);
              return (
                <tr key={t} class={enabled.length ? 'covered' : 'uncovered'}>
                  <td>{t}</td>
                  <td>{rs[0]?.tactic}</td>
                  <td>
                    {rs.map((r) => (
                      <div key={r.id} class={r.enabled ? '' : 'muted'}>
                        {r.id} {r.name !== r.id ? `– ${r.name}` : ''}
                        {r.enabled ? '' : ' (disabled)'}
                      </div>
                    ))}
                  </td>
                  <td>
                    {rs.map((r) => (
                      <div
                        key={r.id}
                        class={r.tests === 'fail' ? 'critical' : r.tests === 'pass' ? 'ok' : 'muted'}
                      >
                        {r.tests}
                      </div>
                    ))}
                  </td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </main>
  );
}

import { useState } from 'preact/hooks';
import { api, ApiError, qs } from '../api.js';
import { EventDetail } from '../components/EventDetail.js';
import { time } from '../format.js';
import type { EventRow, Me } from '../types.js';

const KINDS = [
  'llm.call',
  'guardrail',
  'retrieval',
  'tool.call',
  'egress',
  'prompt.change',
  'control',
  'auth',
  'prediction',
];
const FIELDS = [
  ['caller', 'Caller'],
  ['source_ip', 'IP'],
  ['model', 'Model'],
  ['category', 'Finding category'],
  ['trace_id', 'Trace id'],
] as const;

const localToIso = (v: string) => (v ? new Date(v).toISOString() : undefined);

export function Search(props: { me: Me }) {
  const [events, setEvents] = useState<EventRow[]>([]);
  const [cursor, setCursor] = useState<string | undefined>();
  const [params, setParams] = useState<Record<string, string | undefined>>({});
  const [selected, setSelected] = useState<EventRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  const canContent = props.me.permissions.includes('content:read');

  const run = async (p: Record<string, string | undefined>, after?: string) => {
    try {
      const page = await api<{ events: EventRow[]; next_cursor?: string }>(
        `/v1/events${qs({ ...p, limit: 50, cursor: after })}`,
      );
      setEvents(after ? [...events, ...page.events] : page.events);
      setCursor(page.next_cursor);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'search failed');
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const get = (k: string) => String(f.get(k) ?? '').trim() || undefined;
    const p = {
      from: localToIso(get('from') ?? ''),
      to: localToIso(get('to') ?? ''),
      kind: get('kind'),
      min_risk: get('min_risk'),
      guardrail_action: get('guardrail_action'),
      ...Object.fromEntries(FIELDS.map(([k]) => [k, get(k)])),
    };
    setParams(p);
    setSelected(null);
    void run(p);
  };

  return (
    <main>
      <h1>Search</h1>
      <form class="filters" onSubmit={submit} aria-label="Event filters">
        <label>
          From
          <input type="datetime-local" name="from" />
        </label>
        <label>
          To
          <input type="datetime-local" name="to" />
        </label>
        <label>
          Kind
          <select name="kind">
            <option value="">any</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        {FIELDS.map(([k, label]) => (
          <label key={k}>
            {label}
            <input name={k} />
          </label>
        ))}
        <label>
          Min risk
          <input name="min_risk" type="number" min="0" max="1" step="0.05" />
        </label>
        <label>
          Guardrail action
          <select name="guardrail_action">
            <option value="">any</option>
            {['allow', 'flag', 'redact', 'block'].map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" class="primary">
          Search
        </button>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="split">
        <table class="results">
          <thead>
            <tr>
              <th>Time</th>
              <th>Kind</th>
              <th>Caller</th>
              <th>IP</th>
              <th>Model</th>
              <th>Status</th>
              <th>Risk</th>
              <th>Findings</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr
                key={e.id}
                data-event-id={e.id}
                class={selected?.id === e.id ? 'selected' : ''}
                onClick={() => setSelected(e)}
              >
                <td>{time(e.ts)}</td>
                <td>{e.kind}</td>
                <td>{e.caller ?? '–'}</td>
                <td>{e.source_ip ?? '–'}</td>
                <td>{e.model ?? '–'}</td>
                <td>{e.status}</td>
                <td>{e.risk_score.toFixed(2)}</td>
                <td>{[...new Set(e.findings.map((f) => f.category))].join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {selected && <EventDetail key={selected.id} event={selected} canContent={canContent} />}
      </div>
      {cursor && (
        <button type="button" onClick={() => run(params, cursor)}>
          Load more
        </button>
      )}
    </main>
  );
}

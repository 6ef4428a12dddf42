import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, isMissingRoute, qs } from '../api.js';
import { EventDetail } from '../components/EventDetail.js';
import { time } from '../format.js';
import { buildTree, flatten, label } from '../trace-tree.js';
import type { EventRow, Me } from '../types.js';

/** Prefers the trace API; without it, the trace is the events sharing its trace id. */
async function loadTrace(id: string): Promise<EventRow[]> {
  try {
    const r = await api<{ events?: EventRow[]; spans?: EventRow[] }>(`/v1/traces/${encodeURIComponent(id)}`);
    return r.events ?? r.spans ?? [];
  } catch (e) {
    if (!isMissingRoute(e)) throw e;
    const page = await api<{ events: EventRow[] }>(
      `/v1/events${qs({ trace_id: id, order: 'asc', limit: 1000 })}`,
    );
    return page.events;
  }
}

export function Trace(props: { id: string; me: Me }) {
  const [events, setEvents] = useState<EventRow[] | null>(null);
  const [selected, setSelected] = useState<EventRow | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadTrace(props.id).then(setEvents, (e: unknown) =>
      setError(e instanceof ApiError ? e.message : 'failed'),
    );
  }, [props.id]);
  if (error)
    return (
      <main>
        <p class="error">{error}</p>
      </main>
    );
  if (!events)
    return (
      <main>
        <p>Loading…</p>
      </main>
    );
  const rows = flatten(buildTree(events));
  const start = Math.min(...events.map((e) => Date.parse(e.ts)));
  const end = Math.max(...events.map((e) => Date.parse(e.ts) + (e.latency_ms ?? 0)));
  const span = Math.max(1, end - start);
  return (
    <main>
      <h1>
        Trace <code>{props.id}</code>
      </h1>
      <p class="muted">
        {events.length} events over {span} ms
      </p>
      <div class="split">
        <ol class="trace" aria-label="Trace tree">
          {rows.map((n) => {
            const e = n.event;
            const offset = Date.parse(e.ts) - start;
            return (
              <li
                key={e.id}
                class={`depth-${Math.min(n.depth, 8)} ${selected?.id === e.id ? 'selected' : ''}`}
                data-event-id={e.id}
                onClick={() => setSelected(e)}
              >
                <span class="trace-label">
                  <span class={`kind kind-${e.kind.replace('.', '-')}`}>{e.kind}</span> {label(e)}
                  {e.findings.length > 0 && (
                    <span class="badge critical">
                      {[...new Set(e.findings.map((f) => f.category))].join(', ')}
                    </span>
                  )}
                  {e.status !== 'ok' && <span class="badge warning">{e.status}</span>}
                </span>
                <span class="trace-timing">
                  <span class="muted">
                    +{offset} ms · {e.latency_ms ?? 0} ms · {time(e.ts)}
                  </span>
                  <span class="bar-track">
                    <span
                      class="bar"
                      style={{
                        marginLeft: `${(offset / span) * 100}%`,
                        width: `${Math.max(0.5, ((e.latency_ms ?? 0) / span) * 100)}%`,
                      }}
                    />
                  </span>
                </span>
              </li>
            );
          })}
        </ol>
        {selected && (
          <EventDetail
            key={selected.id}
            event={selected}
            canContent={props.me.permissions.includes('content:read')}
          />
        )}
      </div>
    </main>
  );
}

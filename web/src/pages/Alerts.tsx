import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, isMissingRoute, qs } from '../api.js';
import { alertsOf, type AlertView } from '../alerts.js';
import { Empty } from '../components/Panel.js';
import { time } from '../format.js';

const STATUSES = ['open', 'acknowledged', 'resolved', ''] as const;

/** The queue refreshes on every pushed alert (SSE), with polling as the fallback. */
export function Alerts() {
  const [status, setStatus] = useState<string>('open');
  const [alerts, setAlerts] = useState<AlertView[] | null>(null);
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  useEffect(() => {
    let active = true;
    const load = () =>
      api<unknown>(`/v1/alerts${qs({ status: status || undefined, limit: 200 })}`).then(
        (b) => active && (setAlerts(alertsOf(b)), setError(null)),
        (e: unknown) => {
          if (!active) return;
          if (isMissingRoute(e)) setMissing(true);
          else setError(e instanceof ApiError ? e.message : 'failed to load alerts');
        },
      );
    void load();
    const timer = setInterval(load, 15_000);
    let source: EventSource | undefined;
    if (typeof EventSource !== 'undefined') {
      source = new EventSource('/v1/alerts/stream');
      source.onopen = () => setLive(true);
      source.onerror = () => setLive(false);
      source.onmessage = () => void load();
      source.addEventListener('alert', () => void load());
    }
    return () => {
      active = false;
      clearInterval(timer);
      source?.close();
    };
  }, [status]);
  if (missing)
    return (
      <main>
        <h1>Alerts</h1>
        <Empty text="The alerts API is not installed on this server." />
      </main>
    );
  return (
    <main>
      <div class="toolbar">
        <h1>Alerts</h1>
        <span class={`badge ${live ? 'ok' : 'warning'}`} title="live updates">
          {live ? 'live' : 'polling'}
        </span>
        <div class="range-picker" role="group" aria-label="Status">
          {STATUSES.map((s) => (
            <button
              type="button"
              key={s}
              class={s === status ? 'active' : ''}
              aria-pressed={s === status}
              onClick={() => setStatus(s)}
            >
              {s || 'all'}
            </button>
          ))}
        </div>
      </div>
      {error && <p class="error">{error}</p>}
      {alerts && alerts.length === 0 && <Empty text="No alerts." />}
      {alerts && alerts.length > 0 && (
        <table class="alerts">
          <thead>
            <tr>
              <th>Time</th>
              <th>Severity</th>
              <th>Rule</th>
              <th>Entity</th>
              <th>Status</th>
            </tr>
          </thead>
          <tbody>
            {alerts.map((a) => (
              <tr key={a.id} data-alert-id={a.id}>
                <td>{time(a.ts)}</td>
                <td>
                  <span class={`sev sev-${a.severity}`}>{a.severity}</span>
                </td>
                <td>
                  <a href={`#/alerts/${encodeURIComponent(a.id)}`}>{a.title || a.rule}</a>
                </td>
                <td>{a.entity}</td>
                <td data-testid="alert-status">{a.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

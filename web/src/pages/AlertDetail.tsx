import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, isMissingRoute } from '../api.js';
import { enforcementsOf, toAlertView, type AlertView, type Enforcement } from '../alerts.js';
import { EventDetail } from '../components/EventDetail.js';
import { time } from '../format.js';
import type { EventRow, Me } from '../types.js';

const EXPIRY_HOURS = [1, 4, 24] as const;

export function AlertDetail(props: { id: string; me: Me }) {
  const [alert, setAlert] = useState<AlertView | null>(null);
  const [evidence, setEvidence] = useState<EventRow[]>([]);
  const [actions, setActions] = useState<Enforcement[] | null>(null);
  const [hours, setHours] = useState<number>(1);
  const [message, setMessage] = useState<string | null>(null);
  const can = (p: string) => props.me.permissions.includes(p);
  const path = `/v1/alerts/${encodeURIComponent(props.id)}`;

  const fail = (e: unknown) => setMessage(e instanceof ApiError ? e.message : 'request failed');
  const load = async () => {
    try {
      const a = toAlertView(await api<Record<string, unknown>>(path));
      setAlert(a);
      const events = await Promise.all(
        a.evidence
          .slice(0, 20)
          .map((id) => api<EventRow>(`/v1/events/${encodeURIComponent(id)}`).catch(() => null)),
      );
      setEvidence(events.filter((e): e is EventRow => e !== null));
    } catch (e) {
      fail(e);
    }
    if (can('actions:write')) {
      api<unknown>('/v1/enforcement').then(
        (b) => setActions(enforcementsOf(b)),
        (e: unknown) => (isMissingRoute(e) ? setActions(null) : fail(e)),
      );
    }
  };
  useEffect(() => void load(), [props.id]);

  const act = async (verb: 'ack' | 'resolve') => {
    try {
      await api(`${path}/${verb}`, { method: 'POST', body: {} });
      setMessage(verb === 'ack' ? 'Acknowledged.' : 'Resolved.');
      await load();
    } catch (e) {
      fail(e);
    }
  };
  const comment = async (e: Event) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const text = String(new FormData(form).get('text') ?? '').trim();
    if (!text) return;
    try {
      await api(`${path}/comments`, { body: { text } });
      form.reset();
      await load();
    } catch (err) {
      fail(err);
    }
  };
  const respond = async (type: Enforcement['type']) => {
    if (!alert?.entity) return;
    try {
      await api('/v1/enforcement', {
        body: {
          type,
          target: alert.entity,
          expires_at: new Date(Date.now() + hours * 3600_000).toISOString(),
          reason: `alert ${alert.id}: ${alert.title}`.slice(0, 200),
          alert_id: alert.id,
          ...(type === 'rate_limit' ? { limit_rpm: 10 } : {}),
        },
      });
      setMessage(`${type.replace('_', ' ')} applied for ${hours} h.`);
      await load();
    } catch (e) {
      fail(e);
    }
  };
  const lift = async (id: string) => {
    try {
      await api(`/v1/enforcement/${encodeURIComponent(id)}`, { method: 'DELETE' });
      await load();
    } catch (e) {
      fail(e);
    }
  };

  if (!alert) return <main>{message ? <p class="error">{message}</p> : <p>Loading…</p>}</main>;
  const mine = (actions ?? []).filter((x) => x.alert_id === alert.id || x.target === alert.entity);
  const ipTarget = alert.entityType === 'ip' || alert.entityType === 'source_ip';
  return (
    <main class="alert-detail">
      <p>
        <a href="#/alerts">← Alerts</a>
      </p>
      <h1>{alert.title || alert.rule}</h1>
      <dl class="facts">
        <div>
          <dt>Severity</dt>
          <dd>
            <span class={`sev sev-${alert.severity}`}>{alert.severity}</span>
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd data-testid="alert-status">{alert.status}</dd>
        </div>
        <div>
          <dt>Rule</dt>
          <dd>{alert.rule}</dd>
        </div>
        <div>
          <dt>Entity</dt>
          <dd>
            {alert.entityType}: {alert.entity}
          </dd>
        </div>
        <div>
          <dt>Raised</dt>
          <dd>{time(alert.ts)}</dd>
        </div>
        <div>
          <dt>ATLAS</dt>
          <dd>
            {alert.technique ?? '–'}
            {alert.tactic ? ` (${alert.tactic})` : ''}
          </dd>
        </div>
        {alert.owasp && (
          <div>
            <dt>OWASP LLM</dt>
            <dd>{alert.owasp}</dd>
          </div>
        )}
      </dl>
      {alert.triage && (
        <section class="triage">
          <h2>Triage</h2>
          <p>{alert.triage}</p>
        </section>
      )}
      {message && (
        <p class="notice" role="status">
          {message}
        </p>
      )}
      {can('alerts:write') && (
        <div class="actions">
          <button type="button" disabled={alert.status !== 'open'} onClick={() => act('ack')}>
            Acknowledge
          </button>
          <button type="button" disabled={alert.status === 'resolved'} onClick={() => act('resolve')}>
            Resolve
          </button>
        </div>
      )}
      {can('actions:write') && actions !== null && (
        <section class="response">
          <h2>Response actions</h2>
          <label>
            Expires after{' '}
            <select
              value={String(hours)}
              onChange={(e) => setHours(Number((e.currentTarget as HTMLSelectElement).value))}
            >
              {EXPIRY_HOURS.map((h) => (
                <option key={h} value={h}>
                  {h} h
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => respond(ipTarget ? 'block_ip' : 'block_identity')}>
            {ipTarget ? 'Block IP' : 'Block identity'}
          </button>
          {!ipTarget && (
            <button type="button" onClick={() => respond('rate_limit')}>
              Rate limit (10/min)
            </button>
          )}
          <ul>
            {mine.map((x) => (
              <li key={x.id} data-testid="enforcement">
                {x.type} {x.target}
                {x.limit_rpm ? ` (${x.limit_rpm}/min)` : ''}, expires {time(x.expires_at)}{' '}
                <button type="button" onClick={() => lift(x.id)}>
                  Lift
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section>
        <h2>Evidence</h2>
        {evidence.length === 0 && <p class="muted">No evidence events recorded.</p>}
        {evidence.map((e) => (
          <EventDetail key={e.id} event={e} canContent={can('content:read')} />
        ))}
      </section>
      <section>
        <h2>Comments</h2>
        <ul class="comments">
          {alert.comments.map((c, i) => (
            <li key={i}>
              <strong>{c.author}</strong> <span class="muted">{time(c.ts)}</span>
              <p>{c.text}</p>
            </li>
          ))}
        </ul>
        {can('alerts:write') && (
          <form onSubmit={comment}>
            <textarea name="text" maxLength={4000} aria-label="Comment" />
            <button type="submit">Comment</button>
          </form>
        )}
      </section>
    </main>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { BarChart } from '../components/BarChart.js';
import { Gauge } from '../components/Gauge.js';
import { Empty, Panel } from '../components/Panel.js';
import type { Range } from '../components/RangePicker.js';
import { RangePicker } from '../components/RangePicker.js';
import { Reveal } from '../components/Reveal.js';
import { TimeSeries } from '../components/TimeSeries.js';
import { num, pct, time, usd } from '../format.js';
import { level, worst } from '../thresholds.js';
import type { Me, Overview as Data, Point, Threshold } from '../types.js';

const perHour = (points: Point[], bucket: number) =>
  points.map((p) => ({ t: p.t, v: (p.v * 3600) / bucket }));
const fmt1 = (v: number) => num(v, 1);
const peak = (ps: Point[]) => Math.max(0, ...ps.map((p) => p.v));

/** A count per hour against its threshold: content-filter blocks, access denied. */
function PerHourPanel(props: {
  id: string;
  title: string;
  line: string;
  points: Point[];
  threshold?: Threshold;
}) {
  return (
    <Panel
      id={props.id}
      title={`${props.title} (per hour)`}
      threshold={props.threshold}
      level={level(peak(props.points), props.threshold)}
    >
      <TimeSeries
        label={`${props.title} per hour`}
        lines={[{ label: props.line, points: props.points }]}
        threshold={props.threshold}
        format={fmt1}
      />
    </Panel>
  );
}

export function Overview(props: { me: Me }) {
  const [range, setRange] = useState<Range>('24h');
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api<Data>(`/v1/dashboard/overview?range=${range}`).then(
        (d) => live && (setData(d), setError(null)),
        (e: unknown) => live && setError(e instanceof ApiError ? e.message : 'failed to load'),
      );
    void load();
    const timer = setInterval(load, 60_000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [range]);

  return (
    <main>
      <div class="toolbar">
        <h1>Overview</h1>
        <RangePicker value={range} onChange={setRange} />
      </div>
      {error && <p class="error">{error}</p>}
      {data && <Panels data={data} me={props.me} />}
    </main>
  );
}

function Panels({ data, me }: { data: Data; me: Me }) {
  const t = data.thresholds;
  const b = data.bucket_seconds;
  const canContent = me.permissions.includes('content:read');
  const hidden = (p: string) => data.hidden.includes(p);
  const blocks = perHour(data.content_filter_blocks ?? [], b);
  const denied = perHour(data.access_denied ?? [], b);
  const errPeak = Math.max(0, ...(data.error_rate_by_model ?? []).map((s) => peak(s.points)));
  const tokens = data.tokens_by_identity ?? [];
  const perf = data.model_performance ?? [];
  const teams = data.team_usage ?? [];
  const sus = data.suspicious_prompts ?? [];
  const changes = data.changes ?? [];
  const restricted = <Empty text="Not available for your role." />;
  return (
    <div class="grid">
      <PerHourPanel
        id="content_filter_blocks"
        title="Content-filter blocks"
        line="blocks/h"
        points={blocks}
        threshold={t.content_filter_blocks}
      />
      <Panel
        id="tokens_by_identity"
        title="Token consumption by identity"
        threshold={t.tokens_by_identity}
        level={level(tokens[0]?.tokens, t.tokens_by_identity)}
      >
        {hidden('tokens_by_identity') ? (
          restricted
        ) : tokens.length ? (
          <BarChart
            label="Tokens by identity"
            bars={tokens.map((x) => ({ label: x.caller, value: x.tokens }))}
            threshold={t.tokens_by_identity}
            format={(v) => num(v)}
          />
        ) : (
          <Empty />
        )}
      </Panel>
      <Panel
        id="callers"
        title="Unique callers / new callers"
        threshold={t.new_callers}
        level={worst([
          level(data.callers?.unique, t.unique_callers),
          level(data.callers?.new, t.new_callers),
        ])}
      >
        <div class="stats">
          <div class={`stat ${level(data.callers?.unique, t.unique_callers)}`}>
            <div class="stat-value" data-testid="unique-callers">
              {num(data.callers?.unique ?? 0)}
            </div>
            <div class="stat-label">unique callers</div>
          </div>
          <div class={`stat ${level(data.callers?.new, t.new_callers)}`}>
            <div class="stat-value" data-testid="new-callers">
              {num(data.callers?.new ?? 0)}
            </div>
            <div class="stat-label">new (first seen)</div>
          </div>
        </div>
      </Panel>
      <Panel
        id="error_rate_by_model"
        title="Error rate by model"
        threshold={t.error_rate}
        level={level(errPeak, t.error_rate)}
      >
        {(data.error_rate_by_model ?? []).length ? (
          <TimeSeries
            label="Error rate by model"
            lines={(data.error_rate_by_model ?? []).map((s) => ({ label: s.model, points: s.points }))}
            threshold={t.error_rate}
            format={pct}
          />
        ) : (
          <Empty />
        )}
      </Panel>
      <Panel
        id="cost_burn_rate"
        title="Cost burn rate (USD/hour, last hour)"
        threshold={t.cost_burn_rate}
        unit=" $/h"
        level={level(data.cost_burn_rate?.usd_per_hour, t.cost_burn_rate)}
      >
        {hidden('cost_burn_rate') || !data.cost_burn_rate || !t.cost_burn_rate ? (
          restricted
        ) : (
          <div class="gauge-wrap">
            <Gauge
              label="Cost burn rate"
              value={data.cost_burn_rate.usd_per_hour}
              threshold={t.cost_burn_rate}
              level={level(data.cost_burn_rate.usd_per_hour, t.cost_burn_rate)}
              format={usd}
            />
            <div class="muted">{usd(data.cost_burn_rate.total_usd)} in range</div>
          </div>
        )}
      </Panel>
      <PerHourPanel
        id="access_denied"
        title="Access denied"
        line="denied/h"
        points={denied}
        threshold={t.access_denied}
      />
      <Panel
        id="suspicious_prompts"
        title="Suspicious prompts (injection findings)"
        wide
        threshold={t.suspicious_risk}
        level={level(Math.max(0, ...sus.map((s) => s.risk_score)), t.suspicious_risk)}
      >
        {sus.length ? (
          <table>
            <thead>
              <tr>
                <th>Time</th>
                <th>Caller</th>
                <th>Model</th>
                <th>Risk</th>
                <th>Findings</th>
                <th>Action</th>
                <th>Content</th>
              </tr>
            </thead>
            <tbody>
              {sus.map((s) => (
                <tr key={s.id} data-event-id={s.id}>
                  <td>{time(s.ts)}</td>
                  <td>{s.caller ?? '–'}</td>
                  <td>{s.model ?? '–'}</td>
                  <td class={level(s.risk_score, t.suspicious_risk)}>{s.risk_score.toFixed(2)}</td>
                  <td>{s.categories.join(', ')}</td>
                  <td>{s.guardrail_action ?? '–'}</td>
                  <td>
                    <Reveal eventId={s.id} canRead={canContent} hasContent={s.has_content} />
                    {s.trace_id && <a href={`#/trace/${encodeURIComponent(s.trace_id)}`}> trace</a>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty />
        )}
      </Panel>
      <Panel
        id="changes"
        title="Deployment and configuration changes"
        wide
        threshold={t.changes}
        level={level(changes.length, t.changes)}
      >
        {changes.length ? (
          <ul class="event-log">
            {changes.map((c) => (
              <li key={c.id}>
                <time>{time(c.ts)}</time> <strong>{String(c.details.action ?? c.kind)}</strong>{' '}
                {String(c.details.resource ?? c.deployment ?? '')}{' '}
                <span class="muted">by {String(c.details.actor ?? c.caller ?? 'unknown')}</span>
                {c.status !== 'ok' && <span class="badge warning">{c.status}</span>}
              </li>
            ))}
          </ul>
        ) : (
          <Empty />
        )}
      </Panel>
      <Panel
        id="model_performance"
        title="Latency, throughput and completion by model"
        wide
        threshold={t.latency_p95_ms}
        unit=" ms p95"
        level={worst(
          perf.flatMap((m) => [
            level(m.latency_p95_ms, t.latency_p95_ms),
            level(m.completion_rate, t.completion_rate),
            level(m.throughput_rpm, t.throughput_rpm),
          ]),
        )}
      >
        {perf.length ? (
          <table>
            <thead>
              <tr>
                <th>Model</th>
                <th>Requests</th>
                <th>Throughput (req/min)</th>
                <th>Latency avg</th>
                <th>Latency p95</th>
                <th>Completion rate</th>
              </tr>
            </thead>
            <tbody>
              {perf.map((m) => (
                <tr key={m.model}>
                  <td>{m.model}</td>
                  <td>{num(m.requests)}</td>
                  <td class={level(m.throughput_rpm, t.throughput_rpm)}>{num(m.throughput_rpm, 2)}</td>
                  <td>{m.latency_avg_ms === null ? '–' : `${num(m.latency_avg_ms)} ms`}</td>
                  <td class={level(m.latency_p95_ms, t.latency_p95_ms)}>
                    {m.latency_p95_ms === null ? '–' : `${num(m.latency_p95_ms)} ms`}
                  </td>
                  <td class={level(m.completion_rate, t.completion_rate)}>{pct(m.completion_rate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Empty />
        )}
      </Panel>
      <Panel
        id="team_usage"
        title="Tokens and cost by team"
        wide
        threshold={t.team_cost_usd}
        unit=" $"
        level={level(Math.max(0, ...teams.map((x) => x.cost_usd)), t.team_cost_usd)}
      >
        {hidden('team_usage') ? (
          restricted
        ) : teams.length ? (
          <div class="split">
            <BarChart
              label="Cost by team"
              bars={teams.map((x) => ({ label: x.team, value: x.cost_usd }))}
              threshold={t.team_cost_usd}
              format={usd}
            />
            <table>
              <thead>
                <tr>
                  <th>Team</th>
                  <th>Tokens</th>
                  <th>Cost</th>
                  <th>Requests</th>
                </tr>
              </thead>
              <tbody>
                {teams.map((x) => (
                  <tr key={x.team}>
                    <td>{x.team}</td>
                    <td>{num(x.tokens)}</td>
                    <td class={level(x.cost_usd, t.team_cost_usd)}>{usd(x.cost_usd)}</td>
                    <td>{num(x.requests)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <Empty />
        )}
      </Panel>
    </div>
  );
}

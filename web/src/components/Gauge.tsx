import type { Threshold } from '../types.js';
import type { Level } from '../thresholds.js';

/** Semicircular gauge in SVG; the scale ends a little past the critical threshold. */
export function Gauge(props: {
  value: number;
  threshold: Threshold;
  level: Level;
  label: string;
  format: (v: number) => string;
}) {
  const { value, threshold } = props;
  const max = Math.max(threshold.critical * 1.25, value);
  const angle = (v: number) => Math.PI * (1 - Math.min(v, max) / max);
  const point = (v: number, r: number) =>
    [100 + r * Math.cos(angle(v)), 100 - r * Math.sin(angle(v))] as const;
  const arc = (from: number, to: number, r: number) => {
    const [x1, y1] = point(from, r);
    const [x2, y2] = point(to, r);
    return `M ${x1} ${y1} A ${r} ${r} 0 0 1 ${x2} ${y2}`;
  };
  const [nx, ny] = point(value, 70);
  return (
    <svg class="gauge" viewBox="0 0 200 120" role="img" aria-label={`${props.label}: ${props.format(value)}`}>
      <path d={arc(0, threshold.warning, 80)} class="arc ok" />
      <path d={arc(threshold.warning, threshold.critical, 80)} class="arc warning" />
      <path d={arc(threshold.critical, max, 80)} class="arc critical" />
      <line x1="100" y1="100" x2={nx} y2={ny} class="needle" />
      <circle cx="100" cy="100" r="5" class="hub" />
      <text x="100" y="118" text-anchor="middle" class={`gauge-value ${props.level}`}>
        {props.format(value)}
      </text>
    </svg>
  );
}

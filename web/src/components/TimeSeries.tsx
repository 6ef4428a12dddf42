import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import type { Threshold } from '../types.js';
import { axis, CRIT, yTop, PALETTE, thresholdPlugin, WARN } from './chart-theme.js';
import { UChart } from './UChart.js';

export interface Line {
  label: string;
  points: { t: string; v: number }[];
}

/** Time series with threshold lines; one line per series, x from the first series. */
export function TimeSeries(props: {
  lines: Line[];
  threshold?: Threshold;
  label: string;
  format?: (v: number) => string;
  height?: number;
}) {
  const { lines, threshold, format } = props;
  const data = useMemo<uPlot.AlignedData>(() => {
    const xs = (lines[0]?.points ?? []).map((p) => Date.parse(p.t) / 1000);
    return [xs, ...lines.map((l) => l.points.map((p) => p.v))];
  }, [lines]);
  const opts = useMemo<Omit<uPlot.Options, 'width'>>(() => {
    const max = Math.max(0, ...lines.flatMap((l) => l.points.map((p) => p.v)));
    const top = yTop(max, threshold);
    return {
      height: props.height ?? 180,
      legend: { show: lines.length > 1 },
      cursor: { drag: { x: false, y: false } },
      scales: { y: { range: [0, top || 1] } },
      axes: [
        axis(),
        axis({ values: (_u, vals) => vals.map((v) => (format ? format(v) : String(v))), size: 70 }),
      ],
      series: [
        {},
        ...lines.map((l, i) => ({
          label: l.label,
          stroke: PALETTE[i % PALETTE.length],
          width: 2,
          fill: lines.length === 1 ? 'rgba(79,140,255,0.15)' : undefined,
          value: (_u: uPlot, v: number | null) => (v === null ? '–' : format ? format(v) : String(v)),
        })),
      ],
      plugins: threshold
        ? [
            thresholdPlugin([
              { value: threshold.warning, color: WARN },
              { value: threshold.critical, color: CRIT },
            ]),
          ]
        : [],
    };
  }, [lines, threshold, format, props.height]);
  return <UChart opts={opts} data={data} label={props.label} />;
}

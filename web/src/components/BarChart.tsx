import { useMemo } from 'preact/hooks';
import uPlot from 'uplot';
import type { Threshold } from '../types.js';
import { axis, CRIT, thresholdPlugin, WARN, yTop } from './chart-theme.js';
import { UChart } from './UChart.js';

/** ARNs and e-mail addresses: the distinctive tail is what tells identities apart. */
function shorten(label: string): string {
  const tail = label.split(/[/:]/).pop() ?? label;
  return tail.length > 18 ? `${tail.slice(0, 17)}…` : tail;
}

/** Categorical bars (uPlot's bar path builder over an index axis), with threshold lines. */
export function BarChart(props: {
  bars: { label: string; value: number }[];
  threshold?: Threshold;
  label: string;
  format?: (v: number) => string;
}) {
  const { bars, threshold, format } = props;
  const data = useMemo<uPlot.AlignedData>(() => [bars.map((_, i) => i), bars.map((b) => b.value)], [bars]);
  const opts = useMemo<Omit<uPlot.Options, 'width'>>(() => {
    const max = Math.max(0, ...bars.map((b) => b.value));
    const top = yTop(max, threshold);
    const barPath = uPlot.paths.bars!({ size: [0.6, 64] });
    return {
      height: 200,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: false, range: [-0.5, Math.max(0.5, bars.length - 0.5)] },
        y: { range: [0, top || 1] },
      },
      axes: [
        axis({
          splits: () => bars.map((_, i) => i),
          values: (_u, splits) => splits.map((i) => shorten(bars[i]?.label ?? '')),
          rotate: bars.length > 3 ? -25 : 0,
          size: bars.length > 3 ? 80 : 30,
        }),
        axis({ values: (_u, vals) => vals.map((v) => (format ? format(v) : String(v))), size: 70 }),
      ],
      series: [
        {},
        {
          label: props.label,
          paths: barPath,
          points: { show: false },
          fill: (u: uPlot, _i: number) => {
            const g = u.ctx.createLinearGradient(0, u.bbox.top, 0, u.bbox.top + u.bbox.height);
            g.addColorStop(0, '#4f8cff');
            g.addColorStop(1, 'rgba(79,140,255,0.4)');
            return g;
          },
          stroke: '#4f8cff',
        },
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
  }, [bars, threshold, format, props.label]);
  return <UChart opts={opts} data={data} label={props.label} />;
}

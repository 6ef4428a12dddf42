import type uPlot from 'uplot';
import type { Threshold } from '../types.js';

export const PALETTE = [
  '#4f8cff',
  '#f59e0b',
  '#10b981',
  '#ec4899',
  '#8b5cf6',
  '#14b8a6',
  '#ef4444',
  '#84cc16',
];
export const WARN = '#f59e0b';
export const CRIT = '#ef4444';
const AXIS = '#9aa4b2';
const GRID = 'rgba(154,164,178,0.15)';

export function axis(extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return { stroke: AXIS, grid: { stroke: GRID, width: 1 }, ticks: { stroke: GRID, width: 1 }, ...extra };
}

/** Dashed warning/critical lines across the plot, drawn after the series. */
export function thresholdPlugin(lines: { value: number; color: string }[]): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u: uPlot) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.setLineDash([6, 4]);
          ctx.lineWidth = 1.5 * devicePixelRatio;
          for (const l of lines) {
            const y = u.valToPos(l.value, 'y', true);
            if (y < u.bbox.top || y > u.bbox.top + u.bbox.height) continue;
            ctx.strokeStyle = l.color;
            ctx.beginPath();
            ctx.moveTo(u.bbox.left, y);
            ctx.lineTo(u.bbox.left + u.bbox.width, y);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}

/**
 * Room for the warning line when the data comes near it; otherwise the data's own scale, so a
 * far-off threshold does not flatten the bars (the footer still states it).
 */
export function yTop(max: number, t: Threshold | undefined): number {
  const near = t && t.direction === 'above' && max >= t.warning * 0.3;
  return Math.max(max * 1.15, near ? t.warning * 1.1 : 0) || 1;
}

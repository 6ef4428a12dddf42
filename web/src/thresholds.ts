import type { Threshold } from './types.js';

export type Level = 'ok' | 'warning' | 'critical';

export function level(value: number | null | undefined, t: Threshold | undefined): Level {
  if (value === null || value === undefined || !t) return 'ok';
  const past = (limit: number) => (t.direction === 'below' ? value <= limit : value >= limit);
  if (past(t.critical)) return 'critical';
  if (past(t.warning)) return 'warning';
  return 'ok';
}

export function worst(levels: Level[]): Level {
  if (levels.includes('critical')) return 'critical';
  if (levels.includes('warning')) return 'warning';
  return 'ok';
}

const HOUR = 3_600_000;

/** Default working hours of the built-in off-hours rule: 08–19 UTC, Monday to Friday. */
export function isWorkingHour(ms: number): boolean {
  const d = new Date(ms);
  const day = d.getUTCDay();
  const h = d.getUTCHours();
  return day >= 1 && day <= 5 && h >= 8 && h < 19;
}

/** The latest whole hour at or before `ms` for which `want` holds. */
export function latestHour(ms: number, want: (ms: number) => boolean): number {
  let t = Math.floor(ms / HOUR) * HOUR;
  for (let i = 0; i < 24 * 8 && !want(t); i++) t -= HOUR;
  return t;
}

/** `n` working-hour instants before `ms`, oldest first, an hour apart at least. */
export function workingHoursBefore(ms: number, n: number): number[] {
  const out: number[] = [];
  let t = Math.floor(ms / HOUR) * HOUR - HOUR;
  while (out.length < n) {
    if (isWorkingHour(t)) out.unshift(t + 15 * 60_000);
    t -= HOUR;
  }
  return out;
}

import { z } from 'zod';

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `5m`, `1h`, `7d` → milliseconds; anything else is a schema error naming the value. */
export const durationSchema = z
  .string()
  .regex(/^\d{1,6}(ms|s|m|h|d)$/, 'a duration like 30s, 5m, 1h or 7d')
  .transform((v) => {
    const unit = /(ms|s|m|h|d)$/.exec(v)![1]!;
    return Number(v.slice(0, -unit.length)) * UNITS[unit]!;
  });

export function parseDuration(v: string): number {
  return durationSchema.parse(v);
}

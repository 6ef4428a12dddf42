import type { SightlineEvent } from '../events/schema.js';
import { fieldGetter, type FieldValue } from './fields.js';
import type { Schedule, Where } from './schema.js';

export type Predicate = (e: SightlineEvent) => boolean;

const TRUE: Predicate = () => true;

/** Compiles a validated `where` block into one closure; all clauses must hold. */
export function compileWhere(where: Where): Predicate {
  const preds: Predicate[] = [];
  for (const [key, spec] of Object.entries(where)) {
    if (key === 'any') {
      const alts = (spec as Where[]).map(compileWhere);
      preds.push((e) => alts.some((p) => p(e)));
    } else if (key === 'not') {
      const p = compileWhere(spec as Where);
      preds.push((e) => !p(e));
    } else if (key === 'finding') {
      const obj =
        spec && typeof spec === 'object' && !Array.isArray(spec)
          ? (spec as { category: string | string[]; field?: string })
          : undefined;
      const cats = obj ? obj.category : (spec as string | string[]);
      const prefixes = Array.isArray(cats) ? cats : [cats];
      const field = obj?.field;
      preds.push((e) =>
        e.findings.some(
          (f) =>
            (field === undefined || f.field === field) &&
            prefixes.some((p) => categoryMatches(f.category, p)),
        ),
      );
    } else {
      preds.push(compileField(fieldGetter(key), spec));
    }
  }
  if (preds.length === 0) return TRUE;
  if (preds.length === 1) return preds[0]!;
  return (e) => {
    for (const p of preds) if (!p(e)) return false;
    return true;
  };
}

/** `injection` matches `injection` and `injection.override`, not `injectionx`. */
export function categoryMatches(category: string, prefix: string): boolean {
  return category === prefix || (category.startsWith(prefix) && category.charCodeAt(prefix.length) === 46);
}

function compileField(get: (e: SightlineEvent) => FieldValue, spec: unknown): Predicate {
  if (Array.isArray(spec)) {
    const set = new Set(spec as FieldValue[]);
    return (e) => set.has(get(e));
  }
  if (spec === null || typeof spec !== 'object') return (e) => get(e) === spec;
  const ops = spec as Record<string, unknown>;
  const checks: ((v: FieldValue) => boolean)[] = [];
  if ('eq' in ops) checks.push((v) => v === ops.eq);
  if ('ne' in ops) checks.push((v) => v !== ops.ne);
  if (Array.isArray(ops.in)) {
    const s = new Set(ops.in as FieldValue[]);
    checks.push((v) => s.has(v));
  }
  if (Array.isArray(ops.not_in)) {
    const s = new Set(ops.not_in as FieldValue[]);
    checks.push((v) => !s.has(v));
  }
  const num = (op: string, f: (v: number, t: number) => boolean) => {
    if (typeof ops[op] === 'number') {
      const t = ops[op];
      checks.push((v) => typeof v === 'number' && f(v, t));
    }
  };
  num('gt', (v, t) => v > t);
  num('gte', (v, t) => v >= t);
  num('lt', (v, t) => v < t);
  num('lte', (v, t) => v <= t);
  if (typeof ops.exists === 'boolean') {
    const want = ops.exists;
    checks.push((v) => (v !== undefined && v !== null) === want);
  }
  if (typeof ops.prefix === 'string') {
    const p = ops.prefix;
    checks.push((v) => typeof v === 'string' && v.startsWith(p));
  }
  if (typeof ops.suffix === 'string') {
    const p = ops.suffix;
    checks.push((v) => typeof v === 'string' && v.endsWith(p));
  }
  if (typeof ops.contains === 'string') {
    const p = ops.contains.toLowerCase();
    checks.push((v) => typeof v === 'string' && v.toLowerCase().includes(p));
  }
  return (e) => {
    const v = get(e);
    for (const c of checks) if (!c(v)) return false;
    return true;
  };
}

/** Holds when the event's local time is outside working hours or on a non-working day. */
export function compileSchedule(s: Schedule): (tsMs: number) => boolean {
  const [from, to] = s.outside_hours;
  const days = new Set(s.working_days);
  return (tsMs) => {
    const local = new Date(tsMs + s.utc_offset_minutes * 60_000);
    if (!days.has(local.getUTCDay())) return true;
    const h = local.getUTCHours();
    return h < from || h >= to;
  };
}

import type { DetectorRegistry } from '../registry.js';
import type { DatasetProblem, DatasetRow } from './dataset.js';
import { emptyConfusion, percentile, rates, type Confusion } from './metrics.js';

/** Common spellings of entity types (Presidio's among them) mapped to Sightline's `pii.*` names. */
const ALIASES: Record<string, string> = {
  email_address: 'email',
  email: 'email',
  phone_number: 'phone',
  phone: 'phone',
  us_ssn: 'ssn',
  ssn: 'ssn',
  credit_card: 'credit_card',
  iban_code: 'iban',
  iban: 'iban',
  ip_address: 'ip_address',
  ip: 'ip_address',
  us_driver_license: 'driver_license',
  driver_license: 'driver_license',
  us_passport: 'passport',
  passport: 'passport',
  date_of_birth: 'date_of_birth',
};

export const VALIDATED_TYPES = ['email', 'phone', 'ssn', 'credit_card', 'iban', 'ip_address'] as const;

export function canonicalType(t: string): string | undefined {
  return ALIASES[t.toLowerCase().replace(/^pii\./, '')];
}

export interface PiiEvalReport {
  task: 'pii';
  examples: number;
  skipped: DatasetProblem[];
  precision: number;
  recall: number;
  f1: number;
  fpr: number;
  p50_us: number;
  p99_us: number;
  prompts_per_s: number;
  per_category: Record<string, Confusion & { precision: number; recall: number; f1: number }>;
  /** Labelled types Sightline does not detect (names, addresses...), ignored in the figures. */
  unsupported_types: Record<string, number>;
}

/**
 * Per-type counts: in each row, found and expected entities of a type are matched by count (a
 * type found twice where expected once is one true and one false positive).
 */
export function evaluatePii(
  registry: DetectorRegistry,
  rows: readonly DatasetRow[],
  problems: readonly DatasetProblem[],
  opts: { textField: string; entitiesField: string },
): PiiEvalReport {
  const skipped = [...problems];
  const per: Record<string, Confusion> = {};
  const unsupported: Record<string, number> = {};
  const times: number[] = [];
  let busy = 0;
  for (const { line, record } of rows) {
    const text = record[opts.textField] ?? record.full_text;
    const raw = record[opts.entitiesField] ?? record.spans;
    if (typeof text !== 'string' || !Array.isArray(raw)) {
      skipped.push({
        line,
        message: `needs "${opts.textField}" (text) and "${opts.entitiesField}" (list of types)`,
      });
      continue;
    }
    const expected = new Map<string, number>();
    for (const e of raw) {
      const name =
        typeof e === 'string'
          ? e
          : e && typeof e === 'object'
            ? String((e as Record<string, unknown>).entity_type ?? (e as Record<string, unknown>).type ?? '')
            : '';
      const t = canonicalType(name);
      if (!t) {
        unsupported[name] = (unsupported[name] ?? 0) + 1;
        continue;
      }
      expected.set(t, (expected.get(t) ?? 0) + 1);
    }
    const t0 = process.hrtime.bigint();
    const findings = registry.run(text, { field: 'prompt' }).filter((f) => f.category.startsWith('pii.'));
    const us = Number(process.hrtime.bigint() - t0) / 1000;
    times.push(us);
    busy += us;
    const found = new Map<string, number>();
    for (const f of findings) {
      const t = f.category.slice(4);
      found.set(t, (found.get(t) ?? 0) + 1);
    }
    for (const t of new Set([...expected.keys(), ...found.keys()])) {
      const c = (per[t] ??= emptyConfusion());
      const e = expected.get(t) ?? 0;
      const f = found.get(t) ?? 0;
      c.tp += Math.min(e, f);
      c.fp += Math.max(0, f - e);
      c.fn += Math.max(0, e - f);
    }
    for (const t of VALIDATED_TYPES)
      if (!expected.has(t) && !found.has(t)) (per[t] ??= emptyConfusion()).tn++;
  }
  const total = emptyConfusion();
  for (const t of VALIDATED_TYPES) {
    const c = per[t];
    if (!c) continue;
    total.tp += c.tp;
    total.fp += c.fp;
    total.fn += c.fn;
    total.tn += c.tn;
  }
  times.sort((a, b) => a - b);
  return {
    task: 'pii',
    examples: times.length,
    skipped,
    ...rates(total),
    p50_us: Math.round(percentile(times, 50) * 10) / 10,
    p99_us: Math.round(percentile(times, 99) * 10) / 10,
    prompts_per_s: busy > 0 ? Math.round((times.length / busy) * 1e6) : 0,
    per_category: Object.fromEntries(Object.entries(per).map(([t, c]) => [t, { ...c, ...rates(c) }])),
    unsupported_types: unsupported,
  };
}

type AnyValue = {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string | number;
  doubleValue?: number;
  arrayValue?: { values?: AnyValue[] };
  kvlistValue?: { values?: { key: string; value?: AnyValue }[] };
  bytesValue?: string;
};

export type Flat = string | number | boolean | null;

function plain(v: AnyValue | undefined): unknown {
  if (!v) return null;
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.boolValue !== undefined) return v.boolValue;
  if (v.intValue !== undefined) return Number(v.intValue);
  if (v.doubleValue !== undefined) return v.doubleValue;
  if (v.arrayValue) return (v.arrayValue.values ?? []).map(plain);
  if (v.kvlistValue)
    return Object.fromEntries((v.kvlistValue.values ?? []).map((kv) => [kv.key, plain(kv.value)]));
  if (v.bytesValue !== undefined) return v.bytesValue;
  return null;
}

/** OTLP KeyValue list → flat record; arrays and maps become JSON strings. */
export function flatten(list: unknown): Record<string, Flat> {
  const out: Record<string, Flat> = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list as { key?: unknown; value?: AnyValue }[]) {
    if (typeof kv?.key !== 'string') continue;
    const v = plain(kv.value);
    out[kv.key] =
      v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
        ? v
        : JSON.stringify(v);
  }
  return out;
}

/** Also the structured form, for attributes that carry lists (finish reasons, messages). */
export function valueOf(list: unknown, key: string): unknown {
  if (!Array.isArray(list)) return undefined;
  const kv = (list as { key?: unknown; value?: AnyValue }[]).find((x) => x?.key === key);
  return kv ? plain(kv.value) : undefined;
}

import type { SightlineEvent } from '../events/schema.js';

export type FieldValue = string | number | boolean | null | undefined;

/**
 * Compiles a dotted field path (`llm.total_tokens`, `attributes.tool`) into a getter, once per rule,
 * so the hot path does no string splitting.
 */
export function fieldGetter(path: string): (e: SightlineEvent) => FieldValue {
  const parts = path.split('.');
  if (parts.length === 1) {
    const k = parts[0]!;
    return (e) => scalar((e as unknown as Record<string, unknown>)[k]);
  }
  if (parts.length === 2) {
    const [a, b] = parts as [string, string];
    return (e) => {
      const o = (e as unknown as Record<string, unknown>)[a];
      return o && typeof o === 'object' ? scalar((o as Record<string, unknown>)[b]) : undefined;
    };
  }
  return (e) => {
    let o: unknown = e;
    for (const p of parts) {
      if (!o || typeof o !== 'object') return undefined;
      o = (o as Record<string, unknown>)[p];
    }
    return scalar(o);
  };
}

function scalar(v: unknown): FieldValue {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return undefined;
}

/** A group key over several fields; undefined when any is missing (the event does not belong to a group). */
export function keyGetter(paths: readonly string[]): (e: SightlineEvent) => string | undefined {
  const getters = paths.map(fieldGetter);
  if (getters.length === 0) return () => '*';
  if (getters.length === 1) {
    const g = getters[0]!;
    return (e) => {
      const v = g(e);
      return v === undefined || v === null || v === '' ? undefined : String(v);
    };
  }
  return (e) => {
    let key = '';
    for (let i = 0; i < getters.length; i++) {
      const v = getters[i]!(e);
      if (v === undefined || v === null || v === '') return undefined;
      key += (i ? '\u0000' : '') + String(v);
    }
    return key;
  };
}

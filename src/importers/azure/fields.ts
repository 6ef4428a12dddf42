import { isObject } from '../common.js';

/**
 * Azure writes the same log under different names depending on where it lands: `callerIpAddress`
 * in storage and Event Hubs exports, `CallerIPAddress` in the Log Analytics `AzureDiagnostics`
 * table, `properties` as an object or as the JSON string `properties_s`. Reading by lower-cased
 * name covers all of them.
 */
export class Fields {
  private readonly map = new Map<string, unknown>();

  constructor(record: Record<string, unknown>) {
    for (const [k, v] of Object.entries(record)) this.map.set(k.toLowerCase(), v);
  }

  get(...names: string[]): unknown {
    for (const n of names) {
      const v = this.map.get(n.toLowerCase());
      if (v !== undefined && v !== null && v !== '') return v;
    }
    return undefined;
  }

  str(...names: string[]): string | undefined {
    const v = this.get(...names);
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return String(v);
    if (isObject(v) && typeof v.value === 'string') return v.value; // { value, localizedValue }
    return undefined;
  }

  num(...names: string[]): number | undefined {
    const v = this.get(...names);
    const n = typeof v === 'string' ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
  }

  /** An object field that may also arrive as a JSON string. */
  obj(...names: string[]): Record<string, unknown> | undefined {
    const v = this.get(...names);
    if (isObject(v)) return v;
    if (typeof v === 'string' && v.startsWith('{')) {
      try {
        const parsed = JSON.parse(v) as unknown;
        return isObject(parsed) ? parsed : undefined;
      } catch {
        return undefined;
      }
    }
    return undefined;
  }
}

/** The account name at the end of a Cognitive Services resource id. */
export function accountName(resourceId: string | undefined): string | undefined {
  return resourceId ? /\/accounts\/([^/]+)/i.exec(resourceId)?.[1]?.toLowerCase() : undefined;
}

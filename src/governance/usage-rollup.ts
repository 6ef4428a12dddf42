import type { Store } from '../store/types.js';

export interface UsageTotals {
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
}

/** day → tenant → model → totals. Aggregates only: no callers, no ids. */
export type UsageRollups = Record<string, Record<string, Record<string, UsageTotals>>>;

export const ROLLUP_STATE_KEY = 'governance.usage_rollups';

export async function readRollups(store: Store): Promise<UsageRollups> {
  const raw = await store.getState(ROLLUP_STATE_KEY);
  return raw ? (JSON.parse(raw) as UsageRollups) : {};
}

/**
 * Adds the cost and usage of the `llm.call` rows about to be deleted to the daily rollups, so cost
 * reporting keeps its longer retention after invocation metadata expires. Returns the calls added.
 */
export async function rollUpBeforeDelete(
  store: Store,
  rollups: UsageRollups,
  scope: { tenant?: string; except: string[]; before: string },
): Promise<number> {
  const skip = new Set(scope.except);
  let cursor: string | undefined;
  let added = 0;
  do {
    const page = await store.queryEvents({
      kinds: ['llm.call'],
      tenant: scope.tenant,
      to: scope.before,
      limit: 5000,
      order: 'asc',
      cursor,
    });
    for (const e of page.events) {
      if (skip.has(e.tenant)) continue;
      const day = e.ts.slice(0, 10);
      const model = e.model ?? '(unknown)';
      const t = (((rollups[day] ??= {})[e.tenant] ??= {})[model] ??= {
        calls: 0,
        input_tokens: 0,
        output_tokens: 0,
        cost_usd: 0,
      });
      t.calls++;
      t.input_tokens += e.llm?.input_tokens ?? 0;
      t.output_tokens += e.llm?.output_tokens ?? 0;
      t.cost_usd += e.llm?.cost_usd ?? 0;
      added++;
    }
    cursor = page.next_cursor;
  } while (cursor);
  return added;
}

/** Drops rollups older than each tenant's usage retention; returns how many tenant-days went. */
export function pruneRollups(rollups: UsageRollups, usageCutoff: (tenant: string) => string): number {
  let pruned = 0;
  for (const [day, tenants] of Object.entries(rollups)) {
    for (const tenant of Object.keys(tenants)) {
      if (day < usageCutoff(tenant).slice(0, 10)) {
        delete tenants[tenant];
        pruned++;
      }
    }
    if (Object.keys(tenants).length === 0) delete rollups[day];
  }
  return pruned;
}

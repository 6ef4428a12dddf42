/**
 * The enforcement list: response actions the gateway applies to live traffic. The rules engine and
 * analysts write it (through the API); the gateway reads it on every request. Entries expire on
 * their own so a forgotten block does not outlive its reason.
 */
export type EnforcementType = 'block_identity' | 'block_ip' | 'rate_limit';

export interface EnforcementEntry {
  id: string;
  type: EnforcementType;
  /** Caller principal for block_identity/rate_limit, source IP for block_ip. */
  target: string;
  /** Requests per minute allowed while an emergency rate limit is active. */
  limit_rpm?: number;
  reason: string;
  /** `user:<principal>` or `rule:<rule id>`. */
  created_by: string;
  created_at: string;
  expires_at: string;
  /** Alert that caused it, when automatic. */
  alert_id?: string;
}

export type NewEnforcement = Omit<EnforcementEntry, 'id' | 'created_at'>;

export interface EnforcementList {
  /** Active (unexpired) entries. */
  list(now?: Date): EnforcementEntry[];
  add(entry: NewEnforcement): Promise<EnforcementEntry>;
  remove(id: string): Promise<boolean>;
  /** The entry that blocks this caller or address right now, if any. */
  blocking(caller: string | undefined, ip: string | undefined, now?: Date): EnforcementEntry | undefined;
  /** The emergency per-minute limit for this caller, if any. */
  rateLimitFor(caller: string | undefined, now?: Date): number | undefined;
}

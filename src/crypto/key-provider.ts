/**
 * Supplies data keys for the content tier. A data key belongs to one UTC day, so deleting that
 * day's key (crypto-shredding) makes every record of that day unreadable, backups included.
 * A KMS-backed provider implements the same interface, wrapping data keys with a remote key.
 */
export interface DataKey {
  /** Stable id stored beside each record: `<day>.<version>`. */
  id: string;
  key: Buffer;
}

export interface KeyProvider {
  /** The key new records of `day` (YYYY-MM-DD) are sealed with; created on first use. */
  keyForWrite(day: string): DataKey;
  /** The key a stored record names, or undefined when it was shredded. */
  keyForRead(id: string): Buffer | undefined;
  /** Starts a new key version for `day`: new writes use it, older versions stay readable. */
  rotate(day: string): DataKey;
  /** Destroys every data key of `day`; returns how many were destroyed. */
  shredDay(day: string): number;
  /** Days that still have keys, oldest first. */
  listDays(): string[];
}

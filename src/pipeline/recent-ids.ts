/**
 * Remembers the last N event ids so a client's retry of a batch it already sent is acknowledged
 * without storing the events twice, without asking the store for every id.
 */
export class RecentIds {
  private current = new Set<string>();
  private previous = new Set<string>();

  constructor(private readonly capacity: number) {}

  add(id: string): void {
    if (this.current.size >= this.capacity / 2) {
      // Two generations approximate an LRU at a fraction of the bookkeeping.
      this.previous = this.current;
      this.current = new Set();
    }
    this.current.add(id);
  }

  /** Adds the id; false when it was there already. */
  addNew(id: string): boolean {
    if (this.has(id)) return false;
    this.add(id);
    return true;
  }

  has(id: string): boolean {
    return this.current.has(id) || this.previous.has(id);
  }
}

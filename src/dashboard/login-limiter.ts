/**
 * Failed sign-ins per client address in a sliding window. Memory is bounded: the oldest address
 * is forgotten first when the table is full.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly maxClients = 10_000,
  ) {}

  /** Seconds until another attempt is allowed, or 0. */
  retryAfter(client: string, now = Date.now()): number {
    const recent = (this.failures.get(client) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length < this.max) return 0;
    return Math.ceil((recent[0]! + this.windowMs - now) / 1000);
  }

  fail(client: string, now = Date.now()): void {
    const recent = (this.failures.get(client) ?? []).filter((t) => now - t < this.windowMs);
    recent.push(now);
    this.failures.delete(client);
    this.failures.set(client, recent.slice(-this.max));
    if (this.failures.size > this.maxClients) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  succeed(client: string): void {
    this.failures.delete(client);
  }
}

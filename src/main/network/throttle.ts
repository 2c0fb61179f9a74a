// Login attempts limited per client address (on top of the per-user lockout in auth): a PC on the office network
// that fails `maxFailures` times within `windowMs` is refused for `blockMs`. In memory: a restart of the host clears
// it, which is acceptable since the per-user lockout is kept in the ledger.
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  constructor(
    readonly maxFailures = 10,
    readonly windowMs = 15 * 60 * 1000,
    readonly blockMs = 15 * 60 * 1000,
  ) {}

  /** Milliseconds the address must still wait; 0 when it may try. */
  blockedFor(address: string, now: Date): number {
    const until = this.blockedUntil.get(address) ?? 0;
    return Math.max(0, until - now.getTime());
  }

  failed(address: string, now: Date): void {
    const t = now.getTime();
    const recent = (this.failures.get(address) ?? []).filter((x) => t - x < this.windowMs);
    recent.push(t);
    this.failures.set(address, recent);
    if (recent.length >= this.maxFailures) {
      this.blockedUntil.set(address, t + this.blockMs);
      this.failures.delete(address);
    }
  }

  succeeded(address: string): void {
    this.failures.delete(address);
  }
}

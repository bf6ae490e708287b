/**
 * A per-address allowance of requests in a fixed window: pages made per request (the site
 * search page and the other dynamic pages) each cost a database query, unlike stored pages,
 * so one address must not be able to spend the whole process on them.
 */
export interface BudgetVerdict {
  readonly ok: boolean;
  /** Seconds until the address's window starts again (when refused). */
  readonly retryAfterSeconds: number;
}

/** Addresses remembered at most; beyond it, finished windows are dropped (and all, if none has finished). */
const MAX_ADDRESSES = 50_000;

export class AddressBudget {
  private readonly windows = new Map<string, { start: number; used: number }>();

  constructor(private readonly max: number, private readonly windowMs: number) {}

  take(address: string, now: number): BudgetVerdict {
    let w = this.windows.get(address);
    if (!w || now - w.start >= this.windowMs) {
      if (!w && this.windows.size >= MAX_ADDRESSES) this.prune(now);
      w = { start: now, used: 0 };
      this.windows.set(address, w);
    }
    if (w.used >= this.max) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) };
    w.used += 1;
    return { ok: true, retryAfterSeconds: 0 };
  }

  private prune(now: number): void {
    for (const [address, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(address);
    if (this.windows.size >= MAX_ADDRESSES) this.windows.clear();
  }
}

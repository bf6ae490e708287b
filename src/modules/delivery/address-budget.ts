/**
 * A per-address allowance of requests a window: pages made per request (the site search page
 * and the other dynamic pages) each cost a database query, unlike stored pages, so one address
 * must not be able to spend the whole process on them.
 *
 * Each address has its own window from its first request. The counters live in two
 * generations, swapped every window: an address is moved to the current one when it asks again,
 * and one still in the older generation at a swap has not asked for a whole window, so its own
 * window is over and it can go. Memory is bounded by the addresses of two windows, and no request
 * scans the table. IPv6 addresses are counted per /64, which one subscriber usually holds whole.
 */
export interface BudgetVerdict {
  readonly ok: boolean;
  /** Seconds until the address's window starts again (when refused). */
  readonly retryAfterSeconds: number;
}

/** Addresses one window remembers at most; beyond it, the newest are not counted until the next window. */
const MAX_ADDRESSES = 100_000;

/** The key an address is counted under: IPv4 as is, IPv6 by its first four groups (/64). */
export function budgetKey(address: string): string {
  if (!address.includes(':') || /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(address)) return address.replace(/^::ffff:/i, '');
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = address.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export class AddressBudget {
  private current = new Map<string, { start: number; used: number }>();
  private previous = new Map<string, { start: number; used: number }>();
  private swappedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly max: number, private readonly windowMs: number) {}

  /** `now`: a monotonic clock in ms (performance.now()): a wall-clock step back must not keep anyone refused. */
  take(address: string, now: number): BudgetVerdict {
    if (now - this.swappedAt >= this.windowMs) {
      this.previous = this.current;
      this.current = new Map();
      this.swappedAt = now;
    }
    const key = budgetKey(address);
    let w = this.current.get(key);
    if (!w) {
      w = this.previous.get(key);
      if (w) {
        this.previous.delete(key);
        this.current.set(key, w);
      }
    }
    if (!w || now - w.start >= this.windowMs) {
      // A flood of new addresses beyond the bound is served uncounted until the next swap.
      if (!w && this.current.size >= MAX_ADDRESSES) return { ok: true, retryAfterSeconds: 0 };
      w = { start: now, used: 0 };
      this.current.set(key, w);
    }
    if (w.used >= this.max) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) };
    w.used += 1;
    return { ok: true, retryAfterSeconds: 0 };
  }
}

/** Asia/Shanghai is UTC+8 all year, so a month's first instant is a fixed offset from UTC midnight. */
const OFFSET_MS = 8 * 3_600_000;

export interface StatisticsPeriod {
  /** '2026-11' for a month, '2026' for a year: the snapshot's period column. */
  readonly key: string;
  readonly label: string;
  /** Epoch ms, inclusive. */
  readonly from: number;
  /** Epoch ms, exclusive. */
  readonly to: number;
}

const monthStart = (y: number, m0: number) => Date.UTC(y, m0, 1) - OFFSET_MS;
const pad = (n: number) => String(n).padStart(2, '0');

function month(y: number, m0: number): StatisticsPeriod {
  const d = new Date(Date.UTC(y, m0, 1));
  const [yy, mm] = [d.getUTCFullYear(), d.getUTCMonth()];
  return { key: `${yy}-${pad(mm + 1)}`, label: `${yy}年${mm + 1}月`, from: monthStart(yy, mm), to: monthStart(yy, mm + 1) };
}

/** The periods published: the 12 months up to and including the current one (oldest first), and the current year. */
export function statisticsPeriods(now: number): { months: StatisticsPeriod[]; year: StatisticsPeriod } {
  const d = new Date(now + OFFSET_MS);
  const [y, m0] = [d.getUTCFullYear(), d.getUTCMonth()];
  const months = Array.from({ length: 12 }, (_, i) => month(y, m0 - 11 + i));
  return { months, year: { key: String(y), label: `${y}年`, from: monthStart(y, 0), to: monthStart(y + 1, 0) } };
}

/** The month and year keys of an instant (Asia/Shanghai). */
export function periodKeysOf(ms: number): { month: string; year: string } {
  const d = new Date(ms + OFFSET_MS);
  return { month: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`, year: String(d.getUTCFullYear()) };
}

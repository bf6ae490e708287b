/** What the two publishing benchmarks (bench/publishing.bench.ts) share: the site, the seed, formats. */
import { formatNumber } from './print-table.js';

export const SITE = '3200000001';
export const SEED = 20_261_127;

export const seconds = (ns: bigint) => Number(ns) / 1e9;
export const sec = (x: number) => `${formatNumber(x)} s`;
export const msText = (x: number) => `${formatNumber(x)} ms`;

export function parseDocs(raw: string): number {
  const n = Number(raw.replace(/[,_]/g, ''));
  if (!Number.isInteger(n) || n < 1_000 || n > 2_000_000) throw new RangeError(`--docs must be a whole number from 1000 to 2000000, not ${raw}`);
  return n;
}

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface TokenEdit {
  readonly op: DiffOp;
  readonly token: string;
}

/**
 * Myers' O((N+M)·D) shortest edit script over token arrays (E. Myers, "An O(ND) Difference
 * Algorithm", 1986). Common prefix and suffix are trimmed first. Gives up (returns null) when
 * the edit distance exceeds `maxD`, which bounds both time and the trace kept for backtracking
 * (about maxD² integers); callers then fall back to a coarser answer.
 */
export function diffTokens(a: readonly string[], b: readonly string[], maxD: number): TokenEdit[] | null {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const head = a.slice(0, start).map((token): TokenEdit => ({ op: 'equal', token }));
  const tail = a.slice(endA).map((token): TokenEdit => ({ op: 'equal', token }));
  const middle = shortestEdit(a.slice(start, endA), b.slice(start, endB), maxD);
  return middle ? [...head, ...middle, ...tail] : null;
}

function shortestEdit(a: readonly string[], b: readonly string[], maxD: number): TokenEdit[] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((token) => ({ op: 'insert', token }));
  if (m === 0) return a.map((token) => ({ op: 'delete', token }));
  const max = n + m;
  const limit = Math.min(max, maxD);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // trace[d] holds v[-d..d] as it was before step d.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice(offset - d, offset + d + 1));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0)) ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace);
    }
  }
  return null;
}

function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[]): TokenEdit[] {
  const out: TokenEdit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const t = trace[d] as Int32Array;
    const at = (k: number) => t[k + d] ?? 0;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { out.push({ op: 'equal', token: a[x - 1] as string }); x--; y--; }
    if (x === prevX) { out.push({ op: 'insert', token: b[y - 1] as string }); y--; }
    else { out.push({ op: 'delete', token: a[x - 1] as string }); x--; }
  }
  while (x > 0 && y > 0) { out.push({ op: 'equal', token: a[x - 1] as string }); x--; y--; }
  return out.reverse();
}

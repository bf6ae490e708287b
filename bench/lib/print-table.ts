import type { Figure } from './figure.js';

const HEADERS = ['figure', 'value', 'baseline (same run)', 'ratio', 'goal', 'pass/fail'] as const;

/** Three significant digits at most, never exponent notation. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 100) return Math.round(n).toString();
  if (abs >= 10) return n.toFixed(1);
  return n.toFixed(2);
}

function cells(f: Figure): string[] {
  return [
    f.name,
    `${formatNumber(f.value)} ${f.unit}`,
    f.baseline ? `${formatNumber(f.baseline.value)} ${f.baseline.unit} (${f.baseline.label})` : '—',
    f.ratio === null ? '—' : `${formatNumber(f.ratio)}×`,
    f.goal,
    f.pass === null ? 'info' : f.pass ? 'pass' : 'FAIL',
  ];
}

/** A Markdown table, so the output pastes into docs/performance.md unchanged. */
export function formatTable(figures: readonly Figure[]): string {
  const rows = [[...HEADERS], ...figures.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`;
  const [head, ...body] = rows;
  return [line(head ?? []), rule, ...body.map(line)].join('\n');
}

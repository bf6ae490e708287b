import { useMemo } from 'react';
import { useEChart } from '../../app/use-echart';
import { useI18n } from '../../app/i18n/i18n-context';
import { usePrefersReducedMotion } from '../../app/reduced-motion';
import { DUE_HEX } from '../../app/due-colours';
import type { DueState } from './letters-api';

export interface DueCounts {
  readonly name: string;
  readonly counts: Readonly<Record<DueState, number>>;
}

const STATES: readonly DueState[] = ['overdue', 'due_soon', 'normal'];

/** Stacked bars: open letters per site by deadline state; the same figures are in the table below it for screen readers. */
export function DueChart({ rows }: { rows: readonly DueCounts[] }) {
  const { t } = useI18n();
  const reducedMotion = usePrefersReducedMotion();
  const option = useMemo(() => ({
      animation: !reducedMotion,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, bottom: 8, top: 32, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.name) },
      yAxis: { type: 'value', minInterval: 1 },
      series: STATES.map((s) => ({ name: t(`letters.due.${s}`), type: 'bar', stack: 'due', barMaxWidth: 48, color: DUE_HEX[s], data: rows.map((r) => r.counts[s]) })),
  }), [rows, t, reducedMotion]);
  const el = useEChart(option);
  return <div ref={el} role="img" aria-label={t('letters.supervision.chart')} style={{ width: '100%', height: 280 }} data-testid="due-chart" />;
}

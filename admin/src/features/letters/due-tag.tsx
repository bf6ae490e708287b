import { Tag } from 'antd';
import { useI18n } from '../../app/i18n/i18n-context';
import type { DueState } from './letters-api';

/** Red overdue, orange due soon, green on time: the colours every letters list uses. */
export const DUE_COLOR: Readonly<Record<DueState, string>> = { overdue: 'red', due_soon: 'orange', normal: 'green' };
/** The same colours as hex for the chart. */
export const DUE_HEX: Readonly<Record<DueState, string>> = { overdue: '#cf1322', due_soon: '#d46b08', normal: '#389e0d' };

export function DueTag({ state }: { state: DueState }) {
  const { t } = useI18n();
  return (
    <Tag color={DUE_COLOR[state]} data-due={state}>
      {t(`letters.due.${state}`)}
    </Tag>
  );
}

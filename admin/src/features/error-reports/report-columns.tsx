import { Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { DUE_HEX } from '../../app/due-colours';
import type { ErrorReport } from './error-reports-api';

/** Dark enough for white text (WCAG AA), like the letters' deadline colours (DUE_HEX) the tags use. */
export const ESCALATED_COLOR = '#9e1068';

/** The columns every report list shows; the caller adds its actions. Text is rendered as text (React escapes it). */
export function useReportColumns(): ColumnsType<ErrorReport> {
  const { t } = useI18n();
  return [
    { title: t('errorReports.deadline'), key: 'due', width: 190, render: (_, r) => (
      <Space orientation="vertical" size={0}>
        <Tag color={DUE_HEX[r.dueState]}>{t(`errorReports.due.${r.dueState}`)}</Tag>
        <span>{formatTime(r.stepDueAt)}</span>
        {r.escalated && <Tag color={ESCALATED_COLOR}>{t('errorReports.escalated')}</Tag>}
      </Space>
    ) },
    { title: t('errorReports.site'), dataIndex: 'siteName', key: 'site' },
    { title: t('errorReports.type'), dataIndex: 'errorTypeName', key: 'type', width: 120 },
    { title: t('errorReports.description'), key: 'description', render: (_, r) => (
      <Space orientation="vertical" size={0}>
        <Link to={`/error-reports/${r.id}`}>{r.description.length > 80 ? `${r.description.slice(0, 80)}…` : r.description}</Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.pageUrl}</Typography.Text>
      </Space>
    ) },
    { title: t('errorReports.status'), dataIndex: 'statusName', key: 'status', width: 150 },
    { title: t('errorReports.receivedAt'), key: 'receivedAt', width: 170, render: (_, r) => formatTime(r.receivedAt) },
  ];
}

import { Card, Descriptions, Flex, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { useAuth } from '../../app/auth-context';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { PageSpinner } from '../../app/guards';
import { problemText } from '../../app/problems';
import { errorReportKeys, errorReportsApi, type ErrorReportDetail } from './error-reports-api';
import { ReportActionButton } from './report-action-button';
import { DUE_HEX } from '../../app/due-colours';
import { ESCALATED_COLOR } from './report-columns';

/** One report with its history; the actions the reader's role and the report's status allow. */
export function ErrorReportDetailPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: [...errorReportKeys.all, 'detail', id], queryFn: () => errorReportsApi.detail(id), enabled: Number.isSafeInteger(id) && id > 0 });
  if (q.isLoading) return <PageSpinner />;
  if (!q.data) return <Typography.Text type="danger">{problemText(q.error, t('common.error'))}</Typography.Text>;
  const r: ErrorReportDetail = q.data.report;
  const triage = can('interaction.corrections.triage') && (r.status === 'received' || r.status === 'disputed');
  const owner = can('interaction.corrections.fix') && r.status === 'forwarded';
  const contact = [r.contact.name, r.contact.phone, r.contact.email].filter((x) => x !== null).join(' · ');
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('errorReports.detailTitle', { id: r.id })}</Typography.Title>
      <Card size="small">
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('errorReports.status')}>
            <Space>{r.statusName}<Tag color={DUE_HEX[r.dueState]}>{t(`errorReports.due.${r.dueState}`)}</Tag>{r.escalated && <Tag color={ESCALATED_COLOR}>{t('errorReports.escalated')}</Tag>}</Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('errorReports.site')}>{r.siteName}</Descriptions.Item>
          <Descriptions.Item label={t('errorReports.owner')}>{r.ownerOrgName}</Descriptions.Item>
          <Descriptions.Item label={t('errorReports.queryCode')}>{r.queryCode}</Descriptions.Item>
          <Descriptions.Item label={t('errorReports.type')}>{r.errorTypeName}</Descriptions.Item>
          <Descriptions.Item label={t('errorReports.page')}><Typography.Text copyable>{r.pageUrl}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('errorReports.description')}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.description}</Typography.Paragraph></Descriptions.Item>
          <Descriptions.Item label={t('errorReports.contact')}>{contact || t('errorReports.noContact')}</Descriptions.Item>
          <Descriptions.Item label={t('errorReports.receivedAt')}>{formatTime(r.receivedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('errorReports.triageDue')}>{formatTime(r.triageDueAt)}</Descriptions.Item>
          {r.forwardedAt !== null && <Descriptions.Item label={t('errorReports.forwardedAt')}>{formatTime(r.forwardedAt)}</Descriptions.Item>}
          {r.ownerDueAt !== null && <Descriptions.Item label={t('errorReports.ownerDue')}>{formatTime(r.ownerDueAt)}</Descriptions.Item>}
          {r.dismissKindName !== null && <Descriptions.Item label={t('errorReports.dismissKind')}>{r.dismissKindName}</Descriptions.Item>}
          {r.reason !== '' && <Descriptions.Item label={t('errorReports.reason')}>{r.reason}</Descriptions.Item>}
          {r.answer !== null && <Descriptions.Item label={t('errorReports.answer')}><Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.answer}</Typography.Paragraph></Descriptions.Item>}
          {r.answeredAt !== null && <Descriptions.Item label={t('errorReports.answeredAt')}>{formatTime(r.answeredAt)}</Descriptions.Item>}
        </Descriptions>
        {(triage || owner) && (
          <Space style={{ marginTop: 12 }}>
            {triage && <><ReportActionButton report={r} kind="forward" primary /><ReportActionButton report={r} kind="dismiss" /></>}
            {owner && <><ReportActionButton report={r} kind="fix" primary /><ReportActionButton report={r} kind="dispute" /></>}
          </Space>
        )}
      </Card>
      <Card size="small" title={t('errorReports.history')}>
        <Table
          rowKey={(h) => `${h.at}-${h.action}`}
          size="small"
          pagination={false}
          dataSource={r.history}
          columns={[
            { title: t('errorReports.receivedAt'), key: 'at', width: 170, render: (_, h) => formatTime(h.at) },
            { title: t('errorReports.status'), dataIndex: 'actionName', key: 'action' },
            { title: t('errorReports.actor'), dataIndex: 'actorName', key: 'actor' },
            { title: t('errorReports.reason'), dataIndex: 'reason', key: 'reason' },
          ]}
        />
      </Card>
    </Flex>
  );
}

import { Card, Flex, List, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { errorReportKeys, errorReportsApi, type ErrorReport } from './error-reports-api';
import { useReportColumns } from './report-columns';

/** 督办: reports past their step's deadline in the supervisor's region, and the escalation notices. */
export function ErrorReportSupervisionPage() {
  const { t } = useI18n();
  const q = useQuery({ queryKey: [...errorReportKeys.all, 'supervision'], queryFn: () => errorReportsApi.supervision(), refetchInterval: 60_000 });
  const columns = useReportColumns();
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('errorReports.supervisionTitle')}</Typography.Title>
      <Card size="small" title={t('errorReports.overdue')}>
        <Table<ErrorReport> rowKey="id" size="middle" columns={columns} dataSource={q.data?.overdue ?? []} loading={q.isLoading} pagination={false} locale={{ emptyText: t('errorReports.none') }} />
      </Card>
      <Card size="small" title={t('errorReports.notices')}>
        <List
          dataSource={q.data?.notices ?? []}
          locale={{ emptyText: t('errorReports.none') }}
          renderItem={(n) => (
            <List.Item>
              <Link to={`/error-reports/${n.reportId}`}>{n.message}</Link>
              <Typography.Text type="secondary">{formatTime(n.createdAt)}</Typography.Text>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}

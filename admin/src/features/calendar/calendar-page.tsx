import { useState } from 'react';
import { Alert, Button, Card, Col, Flex, Row, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useAuth } from '../../app/auth-context';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { calendarApi, calendarKeys, type CalendarStatus } from './calendar-api';
import { CalendarImportForm } from './calendar-import-form';
import { DateChecker } from './date-checker';
import { YearDaysDrawer } from './year-days-drawer';

type YearRow = CalendarStatus['years'][number];

export function CalendarPage() {
  const { t, language } = useI18n();
  const { can } = useAuth();
  const status = useQuery({ queryKey: calendarKeys.status, queryFn: calendarApi.status });
  const [viewing, setViewing] = useState<number | null>(null);

  const columns: ColumnsType<YearRow> = [
    { title: t('calendar.year'), dataIndex: 'year', key: 'year' },
    { title: t('calendar.source'), dataIndex: 'source', key: 'source' },
    { title: t('calendar.importedAt'), key: 'importedAt', render: (_, y) => formatTime(y.importedAt) },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, y) => (
        <Button type="link" size="small" onClick={() => setViewing(y.year)}>
          {t('calendar.view')} {y.year}
        </Button>
      ),
    },
  ];
  const missing = status.data?.missing ?? [];
  const warning = (language === 'en' ? status.data?.warningEn : null) ?? status.data?.warning ?? null;
  const heading = (text: string) => (
    <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
      {text}
    </Typography.Title>
  );

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>
        {t('calendar.title')}
      </Typography.Title>
      {warning && <Alert type="warning" showIcon title={t('banner.calendar')} description={warning} />}
      <Card title={heading(t('calendar.status'))}>
        <Table<YearRow>
          rowKey="year"
          size="small"
          columns={columns}
          dataSource={[...(status.data?.years ?? [])].sort((a, b) => b.year - a.year)}
          loading={status.isLoading}
          pagination={{ pageSize: 5, size: 'small', hideOnSinglePage: true }}
        />
        <Flex gap={8} align="center" wrap style={{ marginTop: 16 }}>
          <Typography.Text strong>{t('calendar.missing')}：</Typography.Text>
          {missing.length === 0 ? (
            <Typography.Text>{t('calendar.noMissing')}</Typography.Text>
          ) : (
            missing.map((y) => (
              <Tag key={y} color="error">
                {y}
              </Tag>
            ))
          )}
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={heading(t('calendar.check'))}>
            <DateChecker />
          </Card>
        </Col>
        {can('calendar.manage') && (
          <Col xs={24} xl={12}>
            <Card title={heading(t('calendar.import'))}>
              <CalendarImportForm />
            </Card>
          </Col>
        )}
      </Row>
      {viewing !== null && <YearDaysDrawer year={viewing} onClose={() => setViewing(null)} />}
    </Flex>
  );
}

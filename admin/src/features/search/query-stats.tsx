import { useState } from 'react';
import { Card, Col, Empty, Row, Select, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { SearchStats } from './search-api';
import { useI18n } from '../../app/i18n/i18n-context';

type TopRow = SearchStats['topQueries'][number];

/** A bar drawn with a div: ECharts is not a dependency of the console (yet); the numbers are in the table. */
function Bar({ value, max }: { value: number; max: number }) {
  return (
    <div aria-hidden style={{ background: '#e6f0fa', width: 160, height: 10, borderRadius: 2 }}>
      <div style={{ background: '#1d5fa8', width: `${max > 0 ? (value / max) * 100 : 0}%`, height: 10, borderRadius: 2 }} />
    </div>
  );
}

/** Top queries and searches per day (anonymous query log). */
export function QueryStats({ stats, days, onDays }: { stats: SearchStats | undefined; days: number; onDays: (d: number) => void }) {
  const { t } = useI18n();
  const [page, setPage] = useState(1);
  const top = stats?.topQueries ?? [];
  const max = Math.max(0, ...top.map((q) => q.count));
  const columns: ColumnsType<TopRow> = [
    { title: t('search.query'), dataIndex: 'query', key: 'query' },
    { title: t('search.count'), dataIndex: 'count', key: 'count', align: 'right' },
    { title: t('search.share'), key: 'bar', render: (_, q) => <Bar value={q.count} max={max} /> },
    { title: t('search.zeroResults'), dataIndex: 'zeroResults', key: 'zeroResults', align: 'right' },
  ];
  const perDay = stats?.perDay ?? [];
  const dayMax = Math.max(0, ...perDay.map((d) => d.count));
  return (
    <Card title={t('search.stats')} extra={
      <Space>
        <label htmlFor="search-days">{t('search.days')}</label>
        <Select id="search-days" value={days} style={{ width: 140 }} onChange={(d: number) => { onDays(d); setPage(1); }}
          options={[7, 30, 90].map((d) => ({ value: d, label: t('search.daysOption', { days: d }) }))} />
      </Space>
    }>
      <Statistic title={t('search.totalQueries')} value={stats?.total ?? '—'} style={{ marginBottom: 16 }} />
      {stats && stats.total === 0 ? <Empty description={t('search.noQueries')} /> : (
        <Row gutter={24}>
          <Col xs={24} lg={14}>
            <Typography.Title level={2} style={{ fontSize: 16 }}>{t('search.topQueries')}</Typography.Title>
            <Table<TopRow> size="small" rowKey="query" columns={columns} dataSource={[...top]} pagination={{ current: page, onChange: setPage, pageSize: 10 }} />
          </Col>
          <Col xs={24} lg={10}>
            <Typography.Title level={2} style={{ fontSize: 16 }}>{t('search.perDay')}</Typography.Title>
            <Table size="small" rowKey="day" pagination={false} dataSource={[...perDay].reverse()} columns={[
              { title: t('search.day'), dataIndex: 'day', key: 'day' },
              { title: t('search.count'), dataIndex: 'count', key: 'count', align: 'right' },
              { title: t('search.share'), key: 'bar', render: (_: unknown, d: { count: number }) => <Bar value={d.count} max={dayMax} /> },
            ]} />
          </Col>
        </Row>
      )}
    </Card>
  );
}

import { useState } from 'react';
import { Badge, Button, Card, Space, Tabs, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { problemText } from '../../app/problems';
import { reviewApi, reviewKeys } from './review-api';
import { FastTrackedTable, InboxTable, ReturnedTable } from './inbox-tables';

function Label({ text, count }: { text: string; count: number }) {
  return <Space size={6}>{text}<Badge count={count} showZero={false} overflowCount={999} color={count > 0 ? '#1677ff' : undefined} /></Space>;
}

/** 我的待办: what waits for the reader at each review step, what was returned to them, and fast-tracked publications to post-review. */
export function ReviewInboxPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const inbox = useQuery({ queryKey: reviewKeys.inbox, queryFn: reviewApi.inbox });
  const fast = useQuery({ queryKey: reviewKeys.fastTracked, queryFn: reviewApi.fastTracked });
  const [tab, setTab] = useState('all');
  const items = inbox.data?.items ?? [];
  const counts = inbox.data?.counts;
  const stepTabs = (counts?.steps ?? []).map((s) => ({
    key: `step:${s.name}`, label: <Label text={s.name} count={s.count} />,
    children: <InboxTable items={items.filter((i) => i.stepName === s.name)} loading={inbox.isFetching} />,
  }));

  return (
    <Card
      title={t('review.inbox.title')}
      extra={<Button icon={<ReloadOutlined aria-hidden />} onClick={() => void queryClient.invalidateQueries({ queryKey: reviewKeys.all })}>{t('common.refresh')}</Button>}
    >
      {inbox.error && <Typography.Text type="danger">{problemText(inbox.error, t('common.error'))}</Typography.Text>}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'all', label: <Label text={t('review.inbox.all')} count={counts?.total ?? 0} />, children: <InboxTable items={items} loading={inbox.isFetching} /> },
          ...stepTabs,
          {
            key: 'returned', label: <Label text={t('review.inbox.returned')} count={counts?.returned ?? 0} />,
            children: <ReturnedTable items={inbox.data?.returned ?? []} loading={inbox.isFetching} />,
          },
          {
            key: 'fast', label: <Label text={t('review.inbox.fastTracked')} count={fast.data?.items.length ?? 0} />,
            children: <FastTrackedTable items={fast.data?.items ?? []} loading={fast.isFetching} />,
          },
        ]}
      />
    </Card>
  );
}

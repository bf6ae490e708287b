import { useState } from 'react';
import { Alert, Card, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { LetterActions, centralActions } from './letter-actions';
import { lettersApi, lettersKeys, type LetterListItem } from './letters-api';
import { SitePicker } from './site-picker';
import { DueTag, EmptyText } from './due-tag';

/** 受理台: the central handler's queue (acceptance, routing, supplements, reply review), most urgent first. */
export function AcceptanceDeskPage() {
  const { t } = useI18n();
  const [siteId, setSiteId] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const pageSize = 50;
  const desk = useQuery({
    queryKey: lettersKeys.desk(siteId, page),
    queryFn: () => lettersApi.desk(siteId, page, pageSize),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
  const items = desk.data?.items ?? [];
  const mergeCandidates = (l: LetterListItem) => items.filter((x) => x.siteId === l.siteId && x.id !== l.id).map((x) => ({ id: x.id, subject: x.subject }));
  const columns: ColumnsType<LetterListItem> = [
    { title: t('letters.due'), key: 'due', width: 90, render: (_, l) => (l.status === 'supplementing' ? '—' : <DueTag state={l.dueState} />) },
    { title: t('letters.stepDueAt'), key: 'step', width: 170, render: (_, l) => formatTime(l.stepDueAt ?? l.dueAt) },
    {
      title: t('letters.subject'), key: 'subject',
      render: (_, l) => <Link to={`/letters/${l.id}`}>{l.subject}</Link>,
    },
    { title: t('letters.status'), dataIndex: 'statusName', key: 'status' },
    { title: t('letters.site'), key: 'site', render: (_, l) => <span>{l.siteName} · {l.mailboxName}</span> },
    { title: t('letters.writer'), key: 'writer', render: (_, l) => <span>{l.citizen.name} {l.citizen.phone}</span> },
    { title: t('letters.receivedAt'), key: 'received', width: 170, render: (_, l) => formatTime(l.receivedAt) },
    {
      title: t('letters.actions'), key: 'actions',
      render: (_, l) => <LetterActions letter={l} actions={centralActions(l.status)} mergeCandidates={mergeCandidates(l)} />,
    },
  ];
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('letters.desk.title')}</Typography.Title>
      <Alert type="info" showIcon title={t('letters.desk.intro')} />
      <Card size="small">
        <SitePicker value={siteId} onChange={(v) => { setSiteId(v); setPage(1); }} allowAll />
      </Card>
      <Table<LetterListItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items}
        loading={desk.isFetching && !desk.data}
        locale={{ emptyText: <EmptyText>{t('letters.none')}</EmptyText> }}
        rowClassName={(l) => `letter-row due-${l.dueState}`}
        pagination={{ current: page, pageSize, total: desk.data?.total ?? 0, showTotal: (n) => t('common.total', { n }), onChange: setPage }}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}

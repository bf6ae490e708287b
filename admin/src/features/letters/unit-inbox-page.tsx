import { Alert, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { LetterActions, unitActions } from './letter-actions';
import { lettersApi, lettersKeys, type UnitLetterItem } from './letters-api';
import { DueTag, EmptyText, SolidTag } from './due-tag';

/** 承办件: letters routed to the handler's units, soonest deadline first (sorted by the server). */
export function UnitInboxPage() {
  const { t } = useI18n();
  const list = useQuery({ queryKey: lettersKeys.unit, queryFn: lettersApi.unit, refetchInterval: 30_000 });
  const columns: ColumnsType<UnitLetterItem> = [
    { title: t('letters.due'), key: 'due', width: 90, render: (_, l) => (l.status === 'supplementing' ? '—' : <DueTag state={l.dueState} />) },
    { title: t('letters.stepDueAt'), key: 'step', width: 170, render: (_, l) => formatTime(l.stepDueAt ?? l.dueAt) },
    {
      title: t('letters.subject'), key: 'subject',
      render: (_, l) => (
        <span>
          <Link to={`/letters/${l.id}`}>{l.subject}</Link>
          {l.extensionPending && ' '}{l.extensionPending && <SolidTag color="#003eb3">{t('letters.extensionPending')}</SolidTag>}
        </span>
      ),
    },
    { title: t('letters.status'), dataIndex: 'statusName', key: 'status' },
    { title: t('letters.unitName'), dataIndex: 'handlingOrgName', key: 'unit' },
    { title: t('letters.receivedAt'), key: 'received', width: 170, render: (_, l) => formatTime(l.receivedAt) },
    { title: t('letters.actions'), key: 'actions', render: (_, l) => <LetterActions letter={l} actions={unitActions(l.status, l.extensionPending)} /> },
  ];
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('letters.unit.title')}</Typography.Title>
      <Alert type="info" showIcon title={t('letters.unit.intro')} />
      <Table<UnitLetterItem>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isFetching && !list.data}
        locale={{ emptyText: <EmptyText>{t('letters.none')}</EmptyText> }}
        rowClassName={(l) => `letter-row due-${l.dueState}`}
        pagination={{ pageSize: 50, showTotal: (n) => t('common.total', { n }) }}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}

import { useState } from 'react';
import { Button, Card, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { lettersApi, lettersKeys, type Mailbox } from './letters-api';
import { MailboxFormModal } from './mailbox-form-modal';
import { SitePicker, useFirstSite } from './site-picker';
import { SolidTag } from './due-tag';

/** 信箱设置: the site admin's mailboxes (site, leaders', departments') with their deadlines in working days. */
export function MailboxesPage() {
  const { t } = useI18n();
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const first = useFirstSite();
  const siteId = picked ?? first;
  const [editing, setEditing] = useState<Mailbox | 'new' | null>(null);
  const list = useQuery({ queryKey: lettersKeys.mailboxes(siteId ?? 0), queryFn: () => lettersApi.mailboxes(siteId!), enabled: siteId !== undefined });
  const columns: ColumnsType<Mailbox> = [
    { title: t('letters.mailboxes.sortOrder'), dataIndex: 'sortOrder', key: 'sort', width: 70 },
    { title: t('letters.mailboxes.name'), dataIndex: 'name', key: 'name' },
    { title: t('letters.mailboxes.kind'), dataIndex: 'kindName', key: 'kind' },
    { title: t('letters.mailboxes.acceptDays'), dataIndex: 'acceptDays', key: 'accept' },
    { title: t('letters.mailboxes.deadlineDays'), dataIndex: 'deadlineDays', key: 'deadline' },
    { title: t('letters.mailboxes.reviewDays'), dataIndex: 'reviewDays', key: 'review' },
    { title: t('letters.mailboxes.enabled'), key: 'enabled', render: (_, m) => (m.isEnabled ? <SolidTag color="#237804">{t('letters.mailboxes.enabled')}</SolidTag> : '—') },
    { title: t('letters.actions'), key: 'actions', render: (_, m) => <Button type="link" size="small" onClick={() => setEditing(m)}>{t('letters.edit')}</Button> },
  ];
  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('letters.mailboxes.title')}</Typography.Title>
      <Card size="small">
        <Flex gap={12} wrap>
          <SitePicker value={siteId} onChange={setPicked} />
          <Button type="primary" disabled={siteId === undefined} onClick={() => setEditing('new')}>{t('letters.mailboxes.create')}</Button>
        </Flex>
      </Card>
      <Table<Mailbox> rowKey="id" size="small" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching && !list.data} pagination={false} />
      {editing && siteId !== undefined && <MailboxFormModal siteId={siteId} mailbox={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}

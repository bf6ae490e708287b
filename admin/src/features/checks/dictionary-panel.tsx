import { useState } from 'react';
import { App, Button, Flex, Input, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { CATEGORIES, checksApi, checksKeys, type DictionaryCategory, type DictionaryEntry } from './checks-api';
import { EntryFormModal } from './entry-form-modal';
import { SeverityTag } from './severity-tag';

const CATEGORY_COLOR: Readonly<Record<DictionaryCategory, string>> = {
  outdated_name: 'processing', miswritten: 'purple', banned: 'magenta', commercial_domain: 'default',
};

/** The editable dictionary: search, filter by category, add, edit, delete, import the starter list. */
export function DictionaryPanel({ canManage }: { readonly canManage: boolean }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<DictionaryCategory | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<DictionaryEntry | 'new' | null>(null);

  const params = { q: q || undefined, category, page, pageSize };
  const list = useQuery({ queryKey: [...checksKeys.dictionary, params], queryFn: () => checksApi.dictionary(params), placeholderData: keepPreviousData });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: checksKeys.dictionary });

  const remove = useMutation({
    mutationFn: (e: DictionaryEntry) => checksApi.deleteEntry(e.id),
    onSuccess: (_r, e) => {
      void message.success(t('checks.entryDeleted', { phrase: e.phrase }));
      refresh();
    },
    onError: (e) => showProblem(e),
  });
  const importStarter = useMutation({
    mutationFn: checksApi.importStarter,
    onSuccess: (r) => {
      void message.success(t('checks.imported', { added: r.added, skipped: r.skipped }));
      refresh();
    },
    onError: (e) => showProblem(e),
  });

  const columns: ColumnsType<DictionaryEntry> = [
    { title: t('checks.phrase'), dataIndex: 'phrase', key: 'phrase', render: (v: string) => <Typography.Text strong>{v}</Typography.Text> },
    { title: t('checks.suggestion'), dataIndex: 'suggestion', key: 'suggestion', render: (v: string) => v || '—' },
    {
      title: t('checks.category'), key: 'category',
      render: (_, e) => <Tag color={CATEGORY_COLOR[e.category]}>{t(`checks.category.${e.category}`)}</Tag>,
    },
    { title: t('checks.entrySeverity'), key: 'severity', render: (_, e) => <SeverityTag severity={e.severity} /> },
    { title: t('checks.createdAt'), key: 'createdAt', render: (_, e) => formatTime(e.createdAt) },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'), key: 'actions',
      render: (_, e) => (
        <Flex gap={4}>
          <Button type="link" size="small" onClick={() => setEditing(e)}>{t('checks.edit')}</Button>
          <Popconfirm
            title={t('checks.deleteConfirm', { phrase: e.phrase })}
            okText={t('common.ok')}
            cancelText={t('common.cancel')}
            onConfirm={() => remove.mutate(e)}
          >
            <Button type="link" size="small" danger>{t('checks.delete')}</Button>
          </Popconfirm>
        </Flex>
      ),
    });
  }

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} wrap justify="space-between">
        <Flex gap={12} wrap>
          <Input.Search
            aria-label={t('checks.search')}
            placeholder={t('checks.search')}
            enterButton={t('common.search')}
            allowClear
            onSearch={(v) => {
              setQ(v.trim());
              setPage(1);
            }}
            style={{ width: 280 }}
          />
          <Select<DictionaryCategory>
            aria-label={t('checks.category')}
            placeholder={t('checks.allCategories')}
            allowClear
            value={category ?? null}
            onChange={(v) => {
              setCategory(v ?? undefined);
              setPage(1);
            }}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`checks.category.${c}`) }))}
            style={{ width: 180 }}
          />
        </Flex>
        {canManage && (
          <Flex gap={8}>
            <Popconfirm title={t('checks.importConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => importStarter.mutate()}>
              <Button loading={importStarter.isPending}>{t('checks.importStarter')}</Button>
            </Popconfirm>
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
              {t('checks.addEntry')}
            </Button>
          </Flex>
        )}
      </Flex>
      <Table<DictionaryEntry>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={[...(list.data?.items ?? [])]}
        loading={list.isFetching}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => t('common.total', { n }),
          onChange: (p, size) => {
            setPage(size === pageSize ? p : 1);
            setPageSize(size);
          },
        }}
        scroll={{ x: 'max-content' }}
      />
      {editing !== null && <EntryFormModal entry={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Flex>
  );
}

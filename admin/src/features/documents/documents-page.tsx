import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-context';
import { useAuth } from '../../app/auth-context';
import { formatTime } from '../../app/format';
import { problemText } from '../../app/problems';
import { CursorPager, useCursorPages } from '../../app/cursor-pager';
import { useSiteOptions } from '../columns/columns-api';
import { DOCUMENT_KINDS, DOCUMENT_STATUSES, documentKeys, documentsApi, type DocumentListItem, type ListFilters } from './documents-api';
import { EditionStatusTag } from './status-tags';
import { CreateDocumentModal } from './create-document-modal';

/** 稿件管理: the documents the user may see, newest change first, filtered, page by page (keyset). */
export function DocumentsPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [filters, setFilters] = useState<ListFilters>({});
  const pages = useCursorPages();
  const [creating, setCreating] = useState(false);
  const { cursor } = pages;
  const sites = useSiteOptions();
  const list = useQuery({ queryKey: documentKeys.list(filters, cursor), queryFn: () => documentsApi.list(filters, cursor), placeholderData: keepPreviousData });
  const siteName = new Map((sites.data ?? []).map((s) => [s.id, s.name]));

  return (
    <Card title={t('documents.title')} extra={can('documents.write') && (
      <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{t('documents.create')}</Button>
    )}>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v: ListFilters) => { setFilters(v); pages.reset(); }}>
        <Form.Item name="siteId" label={t('documents.site')}>
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="status" label={t('documents.status')}>
          <Select allowClear style={{ width: 130 }} options={DOCUMENT_STATUSES.map((s) => ({ value: s, label: t(`documents.statusLabel.${s}`) }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('documents.kind')}>
          <Select allowClear style={{ width: 150 }} options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kindLabel.${k}`) }))} />
        </Form.Item>
        <Form.Item name="q" label={t('documents.search')}>
          <Input allowClear placeholder={t('documents.searchPlaceholder')} style={{ width: 260 }} maxLength={100} />
        </Form.Item>
        <Form.Item><Button htmlType="submit" type="primary">{t('common.search')}</Button></Form.Item>
      </Form>
      {list.error && <Typography.Text type="danger">{problemText(list.error, t('common.error'))}</Typography.Text>}
      <Table<DocumentListItem>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        pagination={false}
        dataSource={list.data?.items ?? []}
        columns={[
          {
            title: t('documents.field.title'), dataIndex: 'title',
            render: (title: string, d) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/documents/${d.id}`}>{title || t('documents.untitled')}</Link>
                {d.documentNumber && <Typography.Text type="secondary">{d.documentNumber}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('documents.indexNumber'), dataIndex: 'indexNumber', width: 200, render: (v: string | null) => v ?? '—' },
          { title: t('documents.site'), dataIndex: 'siteId', width: 180, render: (id: number) => siteName.get(id) ?? `#${id}` },
          { title: t('documents.kind'), dataIndex: 'kind', width: 110, render: (k: DocumentListItem['kind']) => t(`documents.kindLabel.${k}`) },
          {
            title: t('documents.status'), dataIndex: 'status', width: 170,
            render: (s: DocumentListItem['status'], d) => (
              <Space size={4}><EditionStatusTag status={s} />{d.hasUnpublishedChanges && <Tag>{t('documents.newDraft', { n: d.editionNumber })}</Tag>}</Space>
            ),
          },
          { title: t('documents.updatedAt'), dataIndex: 'updatedAt', width: 170, render: (ms: number) => formatTime(ms) },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} />
      {creating && <CreateDocumentModal onClose={() => setCreating(false)} />}
    </Card>
  );
}

import { useState } from 'react';
import { Button, Card, Form, Input, Select, Space, Table, Tabs, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-context';
import { useAuth } from '../../app/auth-context';
import { formatTime } from '../../app/format';
import { problemText } from '../../app/problems';
import { CursorPager, useCursorPages } from '../../app/cursor-pager';
import { useSiteOptions } from '../columns/columns-api';
import { DOCUMENT_KINDS, type DocumentListItem } from '../documents/documents-api';
import { libraryApi, libraryKeys, type LibraryFilters } from './library-api';
import { PlaceModal } from './place-modal';
import { IncomingPlacements } from './incoming-placements';

/** 共享稿件: published documents of every site, searchable, each placeable into the user's columns. */
function BrowseLibrary() {
  const { t } = useI18n();
  const { can } = useAuth();
  const [filters, setFilters] = useState<LibraryFilters>({});
  const pages = useCursorPages();
  const [placing, setPlacing] = useState<DocumentListItem | null>(null);
  const { cursor } = pages;
  const sites = useSiteOptions();
  const list = useQuery({
    queryKey: libraryKeys.browse(filters, cursor), queryFn: () => libraryApi.browse(filters, cursor),
    placeholderData: keepPreviousData, enabled: can('documents.write'),
  });
  const siteName = new Map((sites.data ?? []).map((s) => [s.id, s.name]));
  return (
    <>
      <Typography.Paragraph type="secondary">{t('library.intro')}</Typography.Paragraph>
      <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onFinish={(v: LibraryFilters) => { setFilters(v); pages.reset(); }}>
        <Form.Item name="siteId" label={t('library.site')}>
          <Select allowClear showSearch optionFilterProp="label" style={{ width: 220 }} options={(sites.data ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('documents.kind')}>
          <Select allowClear style={{ width: 150 }} options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`documents.kindLabel.${k}`) }))} />
        </Form.Item>
        <Form.Item name="q" label={t('library.search')}>
          <Input allowClear style={{ width: 260 }} maxLength={100} />
        </Form.Item>
        <Form.Item><Button htmlType="submit" type="primary">{t('common.search')}</Button></Form.Item>
      </Form>
      {list.error && <Typography.Text type="danger">{problemText(list.error, t('common.error'))}</Typography.Text>}
      <Table<DocumentListItem>
        rowKey="id" size="middle" loading={list.isFetching} pagination={false} dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('library.empty') }}
        columns={[
          {
            title: t('documents.field.title'), dataIndex: 'title',
            render: (title: string, d) => (
              <Space orientation="vertical" size={0}>
                <Link to={`/documents/${d.id}/preview`}>{title}</Link>
                {d.documentNumber && <Typography.Text type="secondary">{d.documentNumber}</Typography.Text>}
              </Space>
            ),
          },
          { title: t('documents.indexNumber'), dataIndex: 'indexNumber', width: 200, render: (v: string | null) => v ?? '—' },
          { title: t('library.site'), dataIndex: 'siteId', width: 180, render: (id: number) => siteName.get(id) ?? `#${id}` },
          { title: t('documents.kind'), dataIndex: 'kind', width: 110, render: (k: DocumentListItem['kind']) => t(`documents.kindLabel.${k}`) },
          { title: t('documents.updatedAt'), dataIndex: 'firstPublishedAt', width: 170, render: (ms: number | null) => (ms === null ? '—' : formatTime(ms)) },
          {
            title: t('library.col.actions'), key: 'place', width: 140,
            render: (_v, d) => <Button size="small" onClick={() => setPlacing(d)}>{t('library.place')}</Button>,
          },
        ]}
      />
      <CursorPager pages={pages} nextCursor={list.data?.nextCursor} />
      {placing && <PlaceModal documentId={placing.id} title={placing.title} onClose={() => setPlacing(null)} />}
    </>
  );
}

/** 资源库: one library across sites — browse and place (editors), and decide on what was placed into our columns. */
export function LibraryPage() {
  const { t } = useI18n();
  const { can } = useAuth();
  const browse = can('documents.write');
  return (
    <Card title={t('library.title')}>
      <Tabs
        defaultActiveKey={browse ? 'browse' : 'incoming'}
        items={[
          ...(browse ? [{ key: 'browse', label: t('library.tab.browse'), children: <BrowseLibrary /> }] : []),
          { key: 'incoming', label: t('library.tab.incoming'), children: <IncomingPlacements /> },
        ]}
      />
    </Card>
  );
}

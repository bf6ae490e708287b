import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Row, Select, Spin, Typography } from 'antd';
import { DeleteOutlined, MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { columnKeys, columnsApi, useColumnKinds, useColumnTree, useSiteOptions, type Column, type KindsReply, type TreeColumn } from './columns-api';
import { ColumnTreeCard } from './column-tree-card';
import { ColumnForm } from './column-form';
import { ColumnMergeModal } from './column-merge-modal';

type Panel = { mode: 'view' } | { mode: 'create'; parent: Column | null };

function ColumnPanel({ column, items, canManage, kinds, onSelect, onCreateChild }: {
  column: TreeColumn; items: readonly TreeColumn[]; canManage: boolean; kinds: KindsReply; onSelect: (id: number | null) => void; onCreateChild: (c: Column) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [merging, setMerging] = useState(false);
  const parent = column.parentId === null ? undefined : items.find((c) => c.id === column.parentId);
  const manage = canManage && column.inScope;

  const remove = useMutation({
    mutationFn: () => columnsApi.remove(column.id),
    onSuccess: () => {
      void message.success(t('columns.deleted', { name: column.name }));
      void queryClient.invalidateQueries({ queryKey: columnKeys.tree(column.siteId) });
      onSelect(column.parentId);
    },
    onError: (e) => showProblem(e),
  });

  return (
    <Card
      title={manage ? t('columns.edit') : column.name}
      extra={manage && (
        <Flex gap={8} wrap>
          <Button icon={<PlusOutlined aria-hidden />} disabled={column.depth >= kinds.maxDepth} onClick={() => onCreateChild(column)}>{t('columns.createChild')}</Button>
          <Button icon={<MergeCellsOutlined aria-hidden />} onClick={() => setMerging(true)}>{t('columns.merge')}</Button>
          <Popconfirm title={t('columns.deleteConfirm', { name: column.name })} okText={t('columns.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => remove.mutate()}>
            <Button danger icon={<DeleteOutlined aria-hidden />} loading={remove.isPending}>{t('columns.delete')}</Button>
          </Popconfirm>
        </Flex>
      )}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'id', label: t('columns.id'), children: column.id },
          { key: 'parent', label: t('columns.parent'), children: parent?.name ?? t('columns.topLevel') },
          { key: 'rule', label: t('columns.updateRule'), children: column.updateDays === null ? t('columns.noUpdateRule') : t('columns.updateEvery', { days: column.updateDays }) },
          { key: 'path', label: t('columns.path'), children: <Typography.Text code>{column.path}</Typography.Text> },
        ]}
      />
      {!column.inScope && <Alert type="info" showIcon title={t('columns.outOfScope')} style={{ marginBottom: 16 }} />}
      <ColumnForm mode="edit" column={column} kinds={kinds} readOnly={!manage} onDone={(c) => onSelect(c.id)} />
      {merging && <ColumnMergeModal column={column} items={items} onClose={() => setMerging(false)} onMerged={(into) => { setMerging(false); onSelect(into.id); }} />}
    </Card>
  );
}

/** 栏目管理: pick a site, then its column tree (drag and drop) beside the selected column's form. */
export function ColumnsPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const siteId = params.get('site') ? Number(params.get('site')) : null;
  const selected = params.get('column') ? Number(params.get('column')) : null;
  const [panel, setPanel] = useState<Panel>({ mode: 'view' });
  const sites = useSiteOptions();
  const kinds = useColumnKinds();
  const tree = useColumnTree(siteId);
  const items = useMemo(() => tree.data?.items ?? [], [tree.data]);
  const current = selected === null ? undefined : items.find((c) => c.id === selected);
  const canManage = tree.data?.canManage ?? false;

  const go = (next: { site?: number | null; column?: number | null }) => {
    const p = new URLSearchParams(params);
    const set = (k: string, v: number | null | undefined) => { if (v === undefined) return; if (v === null) p.delete(k); else p.set(k, String(v)); };
    set('site', next.site);
    set('column', next.column);
    setParams(p);
    setPanel({ mode: 'view' });
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Typography.Title level={1} style={{ fontSize: 22, margin: 0 }}>{t('columns.title')}</Typography.Title>
        <Flex gap={8} align="center" wrap>
          <Select
            aria-label={t('columns.site')}
            style={{ minWidth: 280 }}
            placeholder={t('columns.sitePlaceholder')}
            loading={sites.isLoading}
            showSearch
            optionFilterProp="label"
            value={siteId ?? undefined}
            onChange={(v: number) => go({ site: v, column: null })}
            options={(sites.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))}
          />
          {canManage && (
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setPanel({ mode: 'create', parent: null })}>{t('columns.createTop')}</Button>
          )}
        </Flex>
      </Flex>
      {siteId === null ? (
        <Card><Empty description={t('columns.pickSite')} /></Card>
      ) : (
        <>
          {tree.data && !canManage && <Alert type="info" showIcon title={t('columns.readOnly')} />}
          {tree.error && <Alert type="error" showIcon title={tree.error.message} />}
          <Row gutter={16}>
            <Col xs={24} lg={10}>
              <ColumnTreeCard tree={tree.data} loading={tree.isLoading} maxDepth={kinds.data?.maxDepth ?? 5} selected={selected} onSelect={(id) => go({ column: id })} />
            </Col>
            <Col xs={24} lg={14}>
              {!kinds.data ? (
                <Spin />
              ) : panel.mode === 'create' ? (
                <Card title={panel.parent ? `${t('columns.createChild')} · ${panel.parent.name}` : t('columns.createTop')}>
                  <ColumnForm mode="create" siteId={siteId} parent={panel.parent} kinds={kinds.data} onCancel={() => setPanel({ mode: 'view' })} onDone={(c) => go({ column: c.id })} />
                </Card>
              ) : current ? (
                <ColumnPanel column={current} items={items} canManage={canManage} kinds={kinds.data} onSelect={(id) => go({ column: id })} onCreateChild={(c) => setPanel({ mode: 'create', parent: c })} />
              ) : (
                <Card><Empty description={t('columns.selectHint')} /></Card>
              )}
            </Col>
          </Row>
        </>
      )}
    </Flex>
  );
}

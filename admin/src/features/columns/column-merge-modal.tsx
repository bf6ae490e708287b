import { useMemo } from 'react';
import { Alert, App, Form, Modal, TreeSelect } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { columnKeys, columnsApi, type Column, type TreeColumn } from './columns-api';
import { buildColumnTree, subtreeIds, type ColumnNode } from './column-tree-data';

interface TreeSelectNode {
  value: number;
  title: string;
  disabled: boolean;
  children: TreeSelectNode[];
}

function toOptions(nodes: readonly ColumnNode[], excluded: ReadonlySet<number>): TreeSelectNode[] {
  return nodes.map((n) => ({ value: n.key, title: n.title, disabled: excluded.has(n.key) || !n.column.inScope, children: toOptions(n.children, excluded) }));
}

/** Merge a column into another of the same site: documents and children follow, the old URL redirects. */
export function ColumnMergeModal({ column, items, onClose, onMerged }: { column: Column; items: readonly TreeColumn[]; onClose: () => void; onMerged: (into: Column) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ intoId: number }>();
  const options = useMemo(() => toOptions(buildColumnTree(items), subtreeIds(items, column.id)), [items, column.id]);

  const merge = useMutation({
    mutationFn: (v: { intoId: number }) => columnsApi.merge(column.id, v.intoId),
    onSuccess: (r) => {
      void message.success(t('columns.merged', { documents: r.documentsMoved, children: r.childrenMoved }));
      void queryClient.invalidateQueries({ queryKey: columnKeys.tree(column.siteId) });
      onMerged(r.into);
    },
    onError: (e) => showProblem(e, form),
  });

  return (
    <Modal
      open
      title={t('columns.mergeTitle', { name: column.name })}
      okText={t('columns.merge')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={merge.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('columns.mergeWarning')} style={{ marginBottom: 16 }} />
      <Form form={form} name="column-merge" layout="vertical" onFinish={(v) => merge.mutate(v)}>
        <Form.Item name="intoId" label={t('columns.mergeInto')} rules={[{ required: true, message: t('common.required', { field: t('columns.mergeInto') }) }]}>
          <TreeSelect treeData={options} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

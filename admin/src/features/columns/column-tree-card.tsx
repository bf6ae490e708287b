import { useMemo, useState, type Key, type ReactNode } from 'react';
import { App, Card, Empty, Flex, Spin, Tag, Tree, Typography, type TreeProps } from 'antd';
import { LinkOutlined, EyeInvisibleOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../app/i18n/i18n-context';
import { useShowProblem } from '../../app/problems';
import { columnKeys, columnsApi, type ColumnTreeReply, type TreeColumn } from './columns-api';
import { buildColumnTree, dropTarget, type ColumnNode } from './column-tree-data';

interface Props {
  readonly tree: ColumnTreeReply | undefined;
  readonly loading: boolean;
  readonly maxDepth: number;
  readonly selected: number | null;
  readonly onSelect: (id: number | null) => void;
}

function NodeTitle({ column }: { column: TreeColumn }) {
  const { t } = useI18n();
  return (
    <Flex gap={6} align="center" wrap={false}>
      <Typography.Text type={column.inScope ? undefined : 'secondary'}>{column.name}</Typography.Text>
      <Tag bordered={false} style={{ marginInlineEnd: 0 }}>{t(`columns.kind.${column.kind}`)}</Tag>
      {column.kind === 'link' && <LinkOutlined aria-label={t('columns.kind.link')} />}
      {!column.visible && <EyeInvisibleOutlined aria-label={t('columns.hidden')} title={t('columns.hidden')} />}
    </Flex>
  );
}

type Node = { key: number; title: ReactNode; children: Node[]; column: TreeColumn; selectable: boolean };

function toTreeData(nodes: readonly ColumnNode[]): Node[] {
  return nodes.map((n) => ({ key: n.key, title: <NodeTitle column={n.column} />, column: n.column, selectable: true, children: toTreeData(n.children) }));
}

/** The site's column tree; a site admin drags columns to reorder them or change their parent. */
export function ColumnTreeCard({ tree, loading, maxDepth, selected, onSelect }: Props) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showProblem = useShowProblem();
  const queryClient = useQueryClient();
  const items = useMemo(() => tree?.items ?? [], [tree]);
  const data = useMemo(() => toTreeData(buildColumnTree(items)), [items]);
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const expandedKeys = expanded ?? items.filter((c) => c.depth === 1).map((c) => c.id);
  const canManage = tree?.canManage ?? false;

  const move = useMutation({
    mutationFn: (q: { id: number; parentId: number | null; sortOrder: number | undefined }) =>
      columnsApi.move(q.id, { parentId: q.parentId, ...(q.sortOrder !== undefined ? { sortOrder: q.sortOrder } : {}) }),
    onSuccess: (r) => void message.success(t('columns.moved', { name: r.column.name })),
    onError: (e) => showProblem(e),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: columnKeys.tree(tree?.site.id ?? 0) }),
  });

  const onDrop: TreeProps<Node>['onDrop'] = (info) => {
    const pos = info.node.pos.split('-');
    const relative = info.dropPosition - Number(pos[pos.length - 1]);
    const target = dropTarget(items, {
      dragId: Number(info.dragNode.key), dropId: Number(info.node.key), dropToGap: info.dropToGap, after: relative === 1,
      dropIsExpandedParent: info.node.children.length > 0 && Boolean(info.node.expanded),
    });
    if (target) move.mutate({ id: Number(info.dragNode.key), ...target });
  };

  return (
    <Card title={t('columns.tree')} extra={canManage ? <Typography.Text type="secondary">{t('columns.dragHint', { max: maxDepth })}</Typography.Text> : null}>
      {loading ? (
        <Spin />
      ) : data.length === 0 ? (
        <Empty description={t('columns.empty')} />
      ) : (
        <Spin spinning={move.isPending}>
          <Tree<Node>
            aria-label={t('columns.tree')}
            treeData={data}
            blockNode
            draggable={canManage ? { icon: false, nodeDraggable: (n) => (n as Node).column.inScope } : false}
            expandedKeys={expandedKeys}
            onExpand={(keys) => setExpanded(keys)}
            selectedKeys={selected === null ? [] : [selected]}
            onSelect={(keys) => onSelect(keys.length > 0 ? Number(keys[0]) : null)}
            onDrop={onDrop}
          />
        </Spin>
      )}
    </Card>
  );
}

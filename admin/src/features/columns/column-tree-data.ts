import type { TreeColumn } from './columns-api';

export interface ColumnNode {
  readonly key: number;
  readonly title: string;
  readonly column: TreeColumn;
  readonly children: ColumnNode[];
}

/** The server sends the tree flattened parents-first; nest it (an unknown parent makes a root). */
export function buildColumnTree(items: readonly TreeColumn[]): ColumnNode[] {
  const nodes = new Map<number, ColumnNode>();
  for (const c of items) nodes.set(c.id, { key: c.id, title: c.name, column: c, children: [] });
  const roots: ColumnNode[] = [];
  for (const c of items) {
    const node = nodes.get(c.id);
    if (!node) continue;
    const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Ids of a column and everything below it (a merge target may not be among them). */
export function subtreeIds(items: readonly TreeColumn[], id: number): Set<number> {
  const root = items.find((c) => c.id === id);
  return new Set(root ? items.filter((c) => c.path.startsWith(root.path)).map((c) => c.id) : [id]);
}

export interface DropTarget {
  readonly parentId: number | null;
  /** Position among the new siblings; undefined = last. */
  readonly sortOrder: number | undefined;
}

/**
 * Turns an antd Tree drop into the move call: dropped onto a node → last child of it; into the
 * gap before/after a node → that node's parent, at the node's position (the dragged column
 * itself not counted, as the server also leaves it out when placing it).
 */
export function dropTarget(items: readonly TreeColumn[], q: { dragId: number; dropId: number; dropToGap: boolean; after: boolean; dropIsExpandedParent: boolean }): DropTarget | null {
  const drop = items.find((c) => c.id === q.dropId);
  if (!drop || q.dragId === q.dropId) return null;
  if (!q.dropToGap) return { parentId: drop.id, sortOrder: undefined };
  // Below an open node with children, antd shows the line at the top of its children.
  if (q.after && q.dropIsExpandedParent) return { parentId: drop.id, sortOrder: 0 };
  const siblings = items.filter((c) => c.parentId === drop.parentId && c.id !== q.dragId);
  const index = siblings.findIndex((c) => c.id === drop.id);
  return { parentId: drop.parentId, sortOrder: index + (q.after ? 1 : 0) };
}

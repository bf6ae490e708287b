/** Flat organizations (id, parentId) as the tree antd's TreeSelect wants. */
export interface UnitNode {
  readonly value: number;
  readonly title: string;
  readonly children: UnitNode[];
}

export function unitTree(items: readonly { id: number; parentId: number | null; name: string }[]): UnitNode[] {
  const nodes = new Map(items.map((o) => [o.id, { value: o.id, title: o.name, children: [] as UnitNode[] }]));
  const roots: UnitNode[] = [];
  for (const o of items) {
    const node = nodes.get(o.id)!;
    const parent = o.parentId === null ? undefined : nodes.get(o.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

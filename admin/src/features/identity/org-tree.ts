import type { Org } from './identity-api';

export interface OrgTreeNode {
  readonly key: number;
  readonly value: number;
  readonly title: string;
  readonly org: Org;
  readonly children: OrgTreeNode[];
}

/**
 * The server sends a flat list; the tree is built here. An org whose parent is missing (not
 * visible to this user) becomes a root, so nothing the user may see is dropped.
 */
export function buildOrgTree(orgs: readonly Org[]): OrgTreeNode[] {
  const nodes = new Map<number, OrgTreeNode>();
  for (const org of orgs) nodes.set(org.id, { key: org.id, value: org.id, title: org.name, org, children: [] });
  const roots: OrgTreeNode[] = [];
  for (const org of orgs) {
    const node = nodes.get(org.id);
    if (!node) continue;
    const parent = org.parentId === null ? undefined : nodes.get(org.parentId);
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const byCode = (a: OrgTreeNode, b: OrgTreeNode) => a.org.code.localeCompare(b.org.code) || a.org.id - b.org.id;
  const sort = (list: OrgTreeNode[]) => {
    list.sort(byCode);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

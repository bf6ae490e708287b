import type { ColumnView } from './columns.repo.js';

/**
 * Orders columns depth-first (each parent before its children, siblings by sort order), the
 * order a tree view renders. Columns whose parent is not in the list become roots.
 */
export function orderAsTree<T extends Pick<ColumnView, 'id' | 'parentId' | 'sortOrder'>>(columns: readonly T[]): { column: T; depth: number }[] {
  const ids = new Set(columns.map((c) => c.id));
  const byParent = new Map<number | null, T[]>();
  for (const c of columns) {
    const key = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(c);
    byParent.set(key, list);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.sortOrder - b.sortOrder || a.id - b.id);
  const out: { column: T; depth: number }[] = [];
  const walk = (parentId: number | null, depth: number) => {
    for (const c of byParent.get(parentId) ?? []) {
      out.push({ column: c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 1);
  return out;
}

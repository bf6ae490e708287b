import type { TreeColumn } from './columns-api';

export interface ColumnTreeOption {
  readonly value: number;
  readonly title: string;
  readonly disabled: boolean;
  readonly children: ColumnTreeOption[];
}

/** A site's columns as TreeSelect data: link-out columns and columns outside the user's scope cannot be chosen. */
export function columnTreeOptions(items: readonly TreeColumn[]): ColumnTreeOption[] {
  const byParent = new Map<number | null, TreeColumn[]>();
  for (const c of items) byParent.set(c.parentId, [...(byParent.get(c.parentId) ?? []), c]);
  const build = (parent: number | null): ColumnTreeOption[] => (byParent.get(parent) ?? []).map((c) => ({
    value: c.id, title: c.name, disabled: c.kind === 'link' || !c.inScope, children: build(c.id),
  }));
  return build(null);
}

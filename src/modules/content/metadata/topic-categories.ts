import tree from '../../../data/topic-categories.json' with { type: 'json' };

/**
 * The national topic-category tree (主题分类), kept as versioned data in src/data. A stored
 * category records the tree's `version`, so a later edition of the tree can tell which
 * documents were classified against which list.
 */
export const TOPIC_CATEGORY_VERSION: string = tree.version;
export const TOPIC_CATEGORY_SEPARATOR = '\\';

const valid = new Set<string>();
for (const top of tree.categories) {
  // A first-level class without second-level classes (其他) is a complete category by itself.
  if (top.children.length === 0) valid.add(top.name);
  for (const child of top.children) valid.add(`${top.name}${TOPIC_CATEGORY_SEPARATOR}${child}`);
}

/** The tree as the editor's picker needs it. */
export const TOPIC_CATEGORY_TREE: readonly { readonly name: string; readonly children: readonly string[] }[] = tree.categories;

export function isTopicCategory(value: string): boolean {
  return valid.has(value);
}

/** A problem with a topic category, or null when it is in the tree. */
export function topicCategoryProblem(value: string): string | null {
  return topicCategoryIssue(value)?.zh ?? null;
}

/** A problem with a topic category in Chinese and English, or null when it is in the tree. */
export function topicCategoryIssue(value: string): { readonly zh: string; readonly en: string } | null {
  if (valid.has(value)) return null;
  const [first = '', second] = value.split(TOPIC_CATEGORY_SEPARATOR);
  const top = tree.categories.find((c) => c.name === first);
  if (!top) {
    return {
      zh: `主题分类“${value}”不在国家主题分类表中，应为“一级\\二级”形式，例如“综合政务\\政务公开”`,
      en: `Topic category "${value}" is not in the national topic classification; use "<first level>\\<second level>", e.g. "综合政务\\政务公开"`,
    };
  }
  if (second === undefined) {
    const example = `${first}\\${top.children[0] ?? '其他'}`;
    return {
      zh: `主题分类“${value}”只有一级类目，请选择其下的二级类目，例如“${example}”`,
      en: `Topic category "${value}" names only a first-level class; choose a second-level class under it, e.g. "${example}"`,
    };
  }
  return {
    zh: `主题分类“${value}”中，一级类目“${first}”下没有二级类目“${second}”`,
    en: `Topic category "${value}": the first-level class "${first}" has no second-level class "${second}"`,
  };
}

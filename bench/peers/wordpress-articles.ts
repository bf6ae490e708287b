/**
 * `node --import tsx bench/peers/wordpress-articles.ts [N]`: prints, as JSON, the articles that
 * bench/peers/wordpress.sh loads into WordPress. The first is the article the Jiyue benchmarks
 * serve (same title, same body, same path); the other N-1 are copies with their own title, slug
 * and date, so WordPress answers from a table of a realistic size.
 */
import { ARTICLE, ARTICLE_TITLE, articleBodyHtml } from '../lib/article-page.js';

export interface WordPressArticle {
  /** post_name: the last path segment without `.html` (the permalink structure adds the rest). */
  readonly slug: string;
  readonly title: string;
  readonly content: string;
  /** post_date, Asia/Shanghai. */
  readonly date: string;
}

const n = Number(process.argv[2] ?? '1');
if (!Number.isInteger(n) || n < 1) throw new Error(`article count must be a positive integer, not ${process.argv[2]}`);
const slug = (ARTICLE.split('/').pop() ?? '').replace(/\.html$/, '');
const content = articleBodyHtml();
const first = Date.UTC(2026, 10, 26, 9, 30);
const articles: WordPressArticle[] = Array.from({ length: n }, (_, i) => ({
  slug: i === 0 ? slug : slug.replace(/_1$/, `_${i + 1}`),
  title: i === 0 ? ARTICLE_TITLE : `${ARTICLE_TITLE}（第${i + 1}号）`,
  content,
  // One an hour, going back from the benchmarked article's 2026-11-26 09:30.
  date: new Date(first - i * 3_600_000).toISOString().replace('T', ' ').slice(0, 19),
}));
process.stdout.write(`${JSON.stringify(articles)}\n`);

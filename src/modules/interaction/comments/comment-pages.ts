import type { Platform } from '../../../platform/platform.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { formatShanghai } from '../../../platform/i18n/format-time.js';
import { registerDynamicPage } from '../../delivery/index.js';
import { publishingDeps, renderInteractionPage } from '../../publishing/index.js';
import { getSiteByCode } from '../../sites/index.js';
import { CAPTCHA_PATH } from '../letter-pages.js';
import { pageId } from '../public-pages-kit.js';
import type { FieldMessage } from '../read-submission.js';
import { approvedComments, commentableDocument } from './document-comments.js';

export const COMMENTS_PATH = '/comments.html';
export const REPORT_PATH = '/comments/report.html';

export interface CommentPageState {
  readonly notice?: string;
  readonly error?: string;
  /** Each field's message (`body`, `nickname`; `reason` of a report), shown beside its input and listed under the summary. */
  readonly errors?: readonly FieldMessage[];
  /** What was typed: `body` and `nickname` of the comment form; `comment` and `reason` of a refused report (its form is opened again). */
  readonly values?: Readonly<Record<string, string>>;
}

/**
 * The comments of one document on its site: approved ones (escaped by the theme), the report
 * form of each, and the comment form. Made per request, because article pages are static files
 * and a comment is approved long after its article was written; null (the site's 404) for a
 * document that is not here, not published, or whose column takes no comments.
 */
export async function renderCommentsPage(platform: Platform, siteCode: string, documentId: number, state: CommentPageState = {}): Promise<string | null> {
  const site = await getSiteByCode(platform.db, siteCode);
  if (site?.status !== 'open') return null;
  const doc = await commentableDocument(platform.db, documentId).catch(notFoundAsNull);
  if (!doc || doc.siteId !== site.id) return null;
  const comments = await approvedComments(platform.db, doc.id);
  const v = state.values ?? {};
  return renderInteractionPage(publishingDeps(platform), siteCode, 'comments', {
    title: `网友评论：${doc.title}`, breadcrumb: [{ name: '网友评论', href: `${COMMENTS_PATH}?doc=${doc.id}` }],
    view: {
      document: { id: doc.id, title: doc.title, href: doc.path },
      comments: comments.map((c) => ({ id: c.id, nickname: c.nickname, body: c.body, at: formatShanghai(c.submittedAt) })),
      notice: state.notice ?? '', error: state.error ?? '', errors: state.errors ?? [],
      values: { body: v.body ?? '', nickname: v.nickname ?? '', ...(v.reason !== undefined ? { comment: v.comment ?? '', reason: v.reason } : {}) }, captchaUrl: CAPTCHA_PATH,
    },
  });
}

/** A refusal (unknown, unpublished, comments off) is the site's 404; anything else is a real error. */
export function notFoundAsNull(err: unknown): null {
  if (err instanceof AppError) return null;
  throw err;
}

export function registerCommentPages(platform: Platform): void {
  registerDynamicPage(COMMENTS_PATH, async ({ siteCode, query }) => {
    const id = pageId(query.get('doc'));
    const html = id === null ? null : await renderCommentsPage(platform, siteCode, id);
    return html === null ? null : { status: 200, html };
  });
}

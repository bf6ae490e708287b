import { AppError } from '../../platform/http/error-registry.js';
import type { Actor } from '../../platform/identity/actor.js';
import { ContentErrors, getDocument, getEdition, listAttachments, requireDocument, type PublicDocument } from '../content/index.js';
import type { PublishingDeps } from './publishing-deps.js';
import { loadSiteContext } from './site-context.js';
import { renderArticle } from './render/pages.js';

/** Theme assets a preview may load (served from the theme folder, never from user input). */
export const PREVIEW_ASSET = /^(site\.css|print\.css|site\.js|conac\.svg)$/;

/**
 * An unpublished edition exactly as it will render — the same theme, site context and
 * breadcrumb — for staff who may read the document. Only the asset and attachment links differ
 * (the console's origin), and a banner says it is a preview. Publish time: the edition's
 * would-be time is unknown, so the time of the preview is shown, marked as such.
 */
export async function renderPreview(deps: PublishingDeps, actor: Actor, documentId: number, editionId?: number): Promise<string> {
  await deps.theme.refresh(deps.db);
  const { doc } = await requireDocument(deps.db, actor, documentId, 'documents.read');
  const id = editionId ?? Number(doc.current_edition_id);
  const edition = await getEdition(deps.db, id);
  if (!edition || edition.documentId !== documentId) throw new AppError(ContentErrors['content.edition.not_found']);
  const ctx = await loadSiteContext(deps.db, Number(doc.site_id));
  if (!ctx) throw new AppError(ContentErrors['content.document.not_found']);
  const now = deps.clock.now();
  const firstPublishedAt = doc.first_published_at === null ? now : Number(doc.first_published_at);
  const attachments = (await listAttachments(deps.db, edition.id)).map((a) => ({ ...a, storedName: '' }));
  const pub: PublicDocument = {
    document: { ...(await getDocument(deps.db, documentId))!, currentEditionId: id, firstPublishedAt, lastPublishedAt: firstPublishedAt, withdrawnAt: null, withdrawReason: null, withdrawRedirect: null },
    edition: { ...edition, publishedAt: edition.publishedAt ?? firstPublishedAt }, attachments,
  };
  // Columns hidden from the public still preview with their own breadcrumb.
  const html = await renderArticle(deps.engine, ctx, {
    pub, columnId: Number(doc.column_id), path: `/preview/${documentId}`, origin: null,
    related: { title: '', items: [] }, attachmentHref: (attachmentId) => `/api/v1/attachments/${attachmentId}/download`,
  });
  const banner = '<div role="note" style="background:#fffbe6;border-bottom:2px solid #ad6800;padding:8px 16px;font-weight:700">预览（未发布，仅工作人员可见） / Preview — not public</div>';
  return html.replaceAll('href="/assets/', 'href="/api/v1/preview-assets/').replaceAll('src="/assets/', 'src="/api/v1/preview-assets/')
    .replace('<body>', `<body>\n${banner}`);
}

import type { PublishingDeps } from './publishing-deps.js';
import { loadSiteContext } from './site-context.js';
import { renderTemplate } from './theme/theme-engine.js';
import { getSiteByCode } from '../sites/index.js';

/** The theme's pages of 互动交流, made per request from a view model the interaction module builds. */
export type InteractionTemplate = 'letter-form' | 'letter-receipt' | 'letter-query' | 'comments' | 'consultations' | 'consultation';

/**
 * One of the interaction pages in the site's theme (`letter` as themes/default/<template>.liquid
 * expects it; the comment and consultation templates read the same model as `view`). Null when
 * the site is unknown.
 */
export async function renderInteractionPage(deps: PublishingDeps, siteCode: string, template: InteractionTemplate,
  page: { title: string; breadcrumb: readonly { name: string; href: string }[]; letter: object }): Promise<string | null> {
  await deps.theme.refresh(deps.db);
  const site = await getSiteByCode(deps.db, siteCode);
  const ctx = site ? await loadSiteContext(deps.db, site.id) : undefined;
  if (!ctx) return null;
  return renderTemplate(deps.engine, template, {
    site: ctx.model, nav: ctx.nav, column: null, article: null,
    breadcrumb: [{ name: '首页', href: '/' }, ...page.breadcrumb],
    page: { title: page.title, canonical: '' }, letter: page.letter, view: page.letter,
  });
}

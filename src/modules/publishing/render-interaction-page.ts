import type { PublishingDeps } from './publishing-deps.js';
import { loadSiteContext } from './site-context.js';
import { renderTemplate, type ThemeTemplate } from './theme/theme-engine.js';
import { renderNotFound } from './render/pages.js';
import { getSiteByCode } from '../sites/index.js';

/** The theme's pages of 互动交流, made per request from a view model the interaction module builds. */
export type InteractionTemplate = Exclude<ThemeTemplate, 'home' | 'column' | 'article' | 'gone' | 'not-found' | 'sitemap' | 'search'>;

/**
 * One of the interaction pages in the site's theme, its model under the name
 * themes/default/<template>.liquid reads (`letter`, `correction`, `survey`, `interview`, or
 * `view` for the comment and consultation pages). Null when the site is unknown.
 */
export async function renderInteractionPage(deps: PublishingDeps, siteCode: string, template: InteractionTemplate,
  page: { title: string; breadcrumb: readonly { name: string; href: string }[]; letter?: object; view?: object; correction?: object; survey?: object; interview?: object }): Promise<string | null> {
  await deps.theme.refresh(deps.db);
  const site = await getSiteByCode(deps.db, siteCode);
  const ctx = site ? await loadSiteContext(deps.db, site.id) : undefined;
  if (!ctx) return null;
  return renderTemplate(deps.engine, template, {
    site: ctx.model, nav: ctx.nav, column: null, article: null,
    breadcrumb: [{ name: '首页', href: '/' }, ...page.breadcrumb],
    page: { title: page.title, canonical: '' }, letter: page.letter ?? null, view: page.view ?? null, correction: page.correction ?? null, survey: page.survey ?? null, interview: page.interview ?? null,
  });
}

/**
 * The site's own "page not found" page in its theme (what a GET of a missing path shows), for a
 * page made per request about something the site does not have. Null when the site is unknown.
 */
export async function renderSiteNotFound(deps: PublishingDeps, siteId: number): Promise<string | null> {
  const ctx = await loadSiteContext(deps.db, siteId);
  return ctx ? renderNotFound(await deps.theme.refresh(deps.db), ctx) : null;
}

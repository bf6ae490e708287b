/**
 * Public face of delivery (网站访问与网页防篡改). Other modules import ONLY from here.
 *
 * - publicRoutes: the public sites, chosen by Host, served from the page store's signed
 *   manifests; bytes leave only when their SM3 digest matches.
 * - registerPageRepairer(fn): publishing installs the function that re-renders a tampered page.
 * - PAGES_CHANGED_CHANNEL: publish `{ siteCode }` on it after apply(), and the public server
 *   rereads that site's manifest at once.
 * - startPageWatcher(platform): the page-store watcher (run by the worker role).
 * - pageAlertsRoutes: tamper alerts for the console.
 * - verifyPageStore / nginxConfig: `jiyue pages verify`, `jiyue pages nginx`.
 */
import type { Platform } from '../../platform/platform.js';
import { startPageWatcher } from './guard/tamper-watcher.js';

export { publicRoutes } from './public.routes.js';
export { pageAlertsRoutes } from './page-alerts.routes.js';
export { PAGES_CHANGED_CHANNEL, createPublicServer, type PublicServer } from './public-server.js';
export { registerPageRepairer, hasPageRepairer, type PageRepairer } from './guard/page-repairer.js';
export { registerVariantProducer, type VariantProducer } from './guard/variant-producer.js';
export { registerDynamicPage, type DynamicPage } from './dynamic-pages.js';
export { startPageWatcher, type PageWatcher, type PageWatcherOptions } from './guard/tamper-watcher.js';
export { recordPageAlert, alertAuditAction, type AlertInput } from './guard/record-alert.js';
export { verifyPageStore, type StoreProblem, type StoreReport } from './verify-store.js';
export { nginxConfig, type NginxOptions, type NginxSite } from './nginx-config.js';
export { PUBLIC_CSP, PUBLIC_SECURITY_HEADERS, PUBLIC_ONLY_HEADERS } from './http/public-headers.js';
export { SITE_HOSTS_TTL_MS, SiteHosts, type PublicSite } from './site-hosts.js';
export { BUILTIN_PAGES } from './builtin-pages.js';
export { DeliveryErrors } from './errors.js';
export type { PageAlert } from './page-alerts.repo.js';
export type { PageAlertAction, PageAlertKind, PageAlertSource, DeliveryTables } from './delivery.tables.js';

/** What the worker role runs for delivery: the tamper watcher. */
export function startDeliveryWorker(platform: Platform): { stop(): Promise<void> } {
  return startPageWatcher(platform);
}

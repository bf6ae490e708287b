import type { Db } from '../../../db/index.js';
import { hasPermission, hasPlatformPermission, type Actor } from '../../../platform/identity/actor.js';
import { AppError } from '../../../platform/http/error-registry.js';
import { HttpErrors } from '../../../platform/http/errors.js';
import { listSitesInScope } from '../../sites/index.js';
import { listPageAlerts, type PageAlert } from '../page-alerts.repo.js';

export interface PageAlertView extends PageAlert {
  /** The site's name from the registry ('' for a page-store folder no site is registered for). */
  readonly siteName: string;
}

export interface ListPageAlertsInput {
  readonly status?: 'open' | 'acknowledged' | undefined;
  readonly siteCode?: string | undefined;
  readonly page: number;
  readonly pageSize: number;
}

/** Tamper alerts of the sites in the reader's scope, newest first. */
export async function listPageAlertsInScope({ db, actor, input }: { db: Db; actor: Actor; input: ListPageAlertsInput }): Promise<{ total: number; items: PageAlertView[] }> {
  if (!hasPermission(actor, 'pages.alerts')) throw new AppError(HttpErrors['auth.forbidden']);
  const sites = await listSitesInScope(db, actor, 'pages.alerts');
  const names = new Map(sites.map((s) => [s.code, s.name]));
  const { total, items } = await listPageAlerts(db, {
    // Platform-wide holders also see alerts of folders no registered site owns.
    siteCodes: hasPlatformPermission(actor, 'pages.alerts') ? null : [...names.keys()],
    open: input.status === undefined ? undefined : input.status === 'open',
    siteCode: input.siteCode, page: input.page, pageSize: input.pageSize,
  });
  return { total, items: items.map((a) => ({ ...a, siteName: names.get(a.siteCode) ?? '' })) };
}

import { inTransaction, type Db } from '../../db/index.js';
import { AppError, fieldError } from '../../platform/http/error-registry.js';
import { hasPermissionOnSite, type Actor } from '../../platform/identity/actor.js';
import type { AuditLog, JobQueue } from '../../platform/contracts.js';
import { getColumn } from '../columns/index.js';
import { getSite, getSiteByCode, requireSiteInScope } from '../sites/index.js';
import { PublishingErrors } from './errors.js';
import { enqueueRebuild, REBUILD_KIND } from './publishing-jobs.js';
import { getThemeSettings, PALETTES, saveThemeSettings, type HomeBlock, type Palette, type ThemeSettings } from './theme-settings.repo.js';

export interface OpsDeps { readonly audit: AuditLog; readonly jobs: JobQueue; readonly now: () => number }

/** Enqueues a full rebuild: of one site (its admin may), or of every site (platform-wide grant only). */
export async function requestRebuild({ db, actor, siteCode, deps }: { db: Db; actor: Actor; siteCode?: string | undefined; deps: OpsDeps }): Promise<{ jobId: number }> {
  if (siteCode !== undefined) {
    const site = await getSiteByCode(db, siteCode);
    if (!site) throw new AppError(PublishingErrors['publishing.site_not_found']);
    if (!hasPermissionOnSite(actor, 'publishing.manage', { siteId: site.id, orgPath: site.orgPath })) throw new AppError(PublishingErrors['publishing.out_of_scope'], { site: site.name });
  } else if (actor.kind !== 'system' && !actor.grants.some((g) => g.scopeType === 'platform' && g.role === 'system_admin')) {
    throw new AppError(PublishingErrors['publishing.all_sites_forbidden']);
  }
  const jobId = await inTransaction(db, async (trx) => {
    const id = await enqueueRebuild(trx, deps.jobs, siteCode ? { siteCode } : {}, actor.userId);
    await deps.audit.append(trx, actor, { action: 'publishing.rebuild', result: 'success', targetType: 'site', targetId: siteCode ?? null, detail: { jobId: id } });
    return id;
  });
  return { jobId };
}

/** Progress of a rebuild job, for whoever may republish (the console's progress bar). */
export async function rebuildJobStatus({ db, jobId }: { db: Db; jobId: number }) {
  const r = await db.selectFrom('jobs').select(['id', 'kind', 'status', 'progress', 'progress_message', 'last_error', 'finished_at']).where('id', '=', jobId).executeTakeFirst();
  if (!r || r.kind !== REBUILD_KIND) throw new AppError(PublishingErrors['publishing.job_not_found']);
  return { id: Number(r.id), status: r.status, progress: Number(r.progress), message: r.progress_message, error: r.last_error, finishedAt: r.finished_at === null ? null : Number(r.finished_at) };
}

export async function readThemeSettings({ db, actor, siteId }: { db: Db; actor: Actor; siteId: number }): Promise<ThemeSettings & { palettes: readonly string[] }> {
  await requireSiteInScope(db, actor, 'sites.read', siteId);
  return { ...(await getThemeSettings(db, siteId)), palettes: PALETTES };
}

export interface ThemeSettingsInput {
  readonly palette: Palette;
  readonly navColumns: readonly number[];
  readonly homeBlocks: readonly HomeBlock[];
  readonly mourning: boolean;
}

/**
 * A site admin changes the site's look without touching templates: palette (from the theme's
 * fixed set, so contrast stays AA), navigation, home blocks (columns of this site or any other,
 * e.g. a portal embedding a department's news), mourning-day grayscale. Saved, audited, and the
 * site rebuilt by a job (every page carries the navigation and colours).
 */
export async function updateThemeSettings({ db, actor, siteId, input, deps }: { db: Db; actor: Actor; siteId: number; input: ThemeSettingsInput; deps: OpsDeps }): Promise<ThemeSettings & { jobId: number }> {
  const site = await requireSiteInScope(db, actor, 'sites.settings', siteId);
  for (const [field, ids] of [['navColumns', input.navColumns], ['homeBlocks', input.homeBlocks.map((b) => b.columnId)]] as const) {
    for (const id of ids) {
      const c = await getColumn(db, id);
      if (!c || c.status !== 'active' || (field === 'navColumns' && c.siteId !== siteId) || !(await getSite(db, c.siteId))) {
        throw new AppError(PublishingErrors['publishing.theme.bad_column'], { id, field }, [fieldError(field, 'publishing.theme.bad_column', `栏目 ${id} 不存在或不可用（${field}）`, `Column ${id} does not exist or is unavailable (${field})`)]);
      }
    }
  }
  const jobId = await inTransaction(db, async (trx) => {
    const before = await getThemeSettings(trx, siteId);
    await saveThemeSettings(trx, siteId, input, actor.userId, deps.now());
    await deps.audit.append(trx, actor, { action: 'publishing.theme.update', result: 'success', targetType: 'site', targetId: siteId, detail: { before: { ...before, updatedAt: undefined }, after: input } });
    return enqueueRebuild(trx, deps.jobs, { siteCode: site.code }, actor.userId);
  });
  return { ...(await getThemeSettings(db, siteId)), jobId };
}

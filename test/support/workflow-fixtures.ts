/**
 * Documents in a given workflow state, made through the real operations as the system actor
 * (author id 0, so no demo user is the author). Used by the workflow tests and the access matrix.
 */
import type { Platform } from '../../src/platform/platform.js';
import { systemActor, type Actor } from '../../src/platform/identity/actor.js';
import { getSiteByCode } from '../../src/modules/sites/index.js';
import { columnsDeps, createColumn, type ColumnKind, type WorkflowStep } from '../../src/modules/columns/index.js';
import { contentDeps } from '../../src/modules/content/content-deps.js';
import { createDocument } from '../../src/modules/content/operations/create-document.js';
import type { DocumentKind } from '../../src/modules/content/index.js';
import { approveDocument, fastTrackDocument, submitDocument, workflowDeps } from '../../src/modules/workflow/index.js';

/** The provincial portal's website identifier code (src/demo/seed-sites.ts). */
export const PROVINCE_PORTAL_CODE = '3200000001';
export const NANJING_PORTAL_CODE = '3201000001';

const SYSTEM = systemActor('workflow-fixture');
let counter = 0;

/** A fresh column on a demo portal with the given review chain (default 初审 → 复审; the secrecy review follows). */
export async function workflowColumn(platform: Platform, opts: { siteCode?: string; kind?: ColumnKind; workflow?: readonly WorkflowStep[] } = {}): Promise<{ id: number; siteId: number }> {
  const site = await getSiteByCode(platform.db, opts.siteCode ?? PROVINCE_PORTAL_CODE);
  if (!site) throw new Error(`demo site ${opts.siteCode ?? PROVINCE_PORTAL_CODE} missing`);
  const n = counter++;
  const column = await createColumn({
    db: platform.db, actor: SYSTEM, siteId: site.id, deps: columnsDeps(platform),
    input: { name: `审核测试栏目${n}`, slug: `wf${Date.now().toString(36)}${n}`, kind: opts.kind ?? 'notice', ...(opts.workflow ? { workflow: opts.workflow } : {}) },
  });
  return { id: column.id, siteId: site.id };
}

export interface DraftOptions {
  readonly columnId?: number;
  readonly workflow?: readonly WorkflowStep[];
  readonly kind?: DocumentKind;
  readonly title?: string;
  readonly bodyHtml?: string;
  readonly actor?: Actor;
}

/** A draft that passes the machine checks (a notice with its issuing organization). */
export async function workflowDraft(platform: Platform, opts: DraftOptions = {}): Promise<{ documentId: number; editionId: number; columnId: number }> {
  const columnId = opts.columnId ?? (await workflowColumn(platform, opts.workflow ? { workflow: opts.workflow } : {})).id;
  const { document, edition } = await createDocument({
    db: platform.db, actor: opts.actor ?? SYSTEM, deps: contentDeps(platform),
    input: {
      columnId, kind: opts.kind ?? 'notice', title: opts.title ?? `关于做好年度工作的通知${counter++}`,
      bodyHtml: opts.bodyHtml ?? '<p>各设区市人民政府，省各委办厅局：现将有关事项通知如下。</p>', source: '江苏省人民政府办公厅',
    },
  });
  return { documentId: document.id, editionId: edition.id, columnId };
}

/** A draft submitted and approved by the system up to (not including) step `atStep`. */
export async function documentInReview(platform: Platform, opts: DraftOptions & { atStep?: number } = {}): Promise<{ documentId: number; editionId: number; columnId: number }> {
  const draft = await workflowDraft(platform, opts);
  const deps = workflowDeps(platform);
  await submitDocument({ db: platform.db, actor: SYSTEM, documentId: draft.documentId, deps });
  for (let step = 0; step < (opts.atStep ?? 0); step++) {
    await approveDocument({ db: platform.db, actor: SYSTEM, documentId: draft.documentId, input: { step }, deps });
  }
  return draft;
}

/** One custom step (a column needs at least one), then the secrecy review. */
export const ONE_STEP: readonly WorkflowStep[] = [{ name: '审核', role: 'reviewer' }];

/** A document published through its whole chain (by default 审核 → 保密审查). */
export async function publishedDocument(platform: Platform, opts: DraftOptions = {}): Promise<{ documentId: number; editionId: number; columnId: number }> {
  const workflow = opts.workflow ?? ONE_STEP;
  return documentInReview(platform, { ...opts, workflow, atStep: workflow.length + 1 });
}

/** A document published by the emergency fast track, waiting for its post-review. */
export async function fastTrackedDocument(platform: Platform, opts: DraftOptions = {}): Promise<{ documentId: number; editionId: number; columnId: number }> {
  const draft = await workflowDraft(platform, opts);
  await fastTrackDocument({ db: platform.db, actor: SYSTEM, documentId: draft.documentId, input: { reason: '突发事件，须立即发布' }, deps: workflowDeps(platform) });
  return draft;
}

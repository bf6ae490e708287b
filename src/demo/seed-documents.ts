import type { Db } from '../db/index.js';
import type { Platform } from '../platform/platform.js';
import { systemActor } from '../platform/identity/actor.js';
import type { SiteView } from '../modules/sites/index.js';
import type { DemoDocument } from './documents/demo-document.js';
import { demoSiteContexts } from './documents/site-contexts.js';
import { generateDemoDocuments } from './documents/generate-documents.js';
import { seedInterpretationDocument, seedPolicyDocument } from './documents/seed-policy.js';
import { seedPublishedDocuments } from './documents/seed-published-documents.js';

/**
 * 'minimal': only the seed policy 苏政办发〔2017〕96号 and its interpretation (test contexts, which
 * build a demo province for every test file); 'full': plus ≈ 2,500 template documents over the
 * past two years on every site (`npm start`, `jiyue demo`).
 */
export type DemoDocumentsMode = 'minimal' | 'full';

export interface DemoDocumentsResult {
  readonly documents: number;
  readonly sites: number;
  readonly policies: number;
  readonly interpretations: number;
  /** Ids of the seed policy and its interpretation. */
  readonly seedPolicyId: number;
  readonly seedInterpretationId: number;
}

/** The seed of the demo's pseudo-random generator; same seed, same documents. */
export const DEMO_DOCUMENTS_SEED = 20_170_628;

/** Builds every demo document (pure apart from reading the sites' columns and organizations). */
export async function buildDemoDocuments(db: Db, sites: readonly SiteView[], q: { mode: DemoDocumentsMode; now: number; seed?: number }): Promise<DemoDocument[]> {
  const contexts = await demoSiteContexts(db, sites);
  const province = contexts.find((c) => c.level === 'province');
  if (!province) throw new Error('demo documents need the provincial portal');
  const policyColumn = province.columns.zfwj ?? province.columns.zcwj;
  const interpretationColumn = province.columns.zcjd;
  if (policyColumn === undefined || interpretationColumn === undefined) throw new Error('provincial portal lacks 政府文件/政策解读 columns');
  const docs: DemoDocument[] = [
    seedPolicyDocument({ key: 0, siteId: province.siteId, columnId: policyColumn, office: province.office }),
    seedInterpretationDocument({ key: 1, policyKey: 0, siteId: province.siteId, columnId: interpretationColumn, office: province.office }),
  ];
  if (q.mode === 'full') docs.push(...generateDemoDocuments(contexts, { now: q.now, seed: q.seed ?? DEMO_DOCUMENTS_SEED, firstKey: 2 }));
  return docs;
}

/**
 * Seeds the published demo documents in the caller's transaction and writes one audit event
 * `demo.seed_documents` with the counts (no per-document events: it is bulk demo history).
 */
export async function seedDemoDocuments(trx: Db, platform: Pick<Platform, 'clock' | 'audit'>, sites: readonly SiteView[], opts: { mode: DemoDocumentsMode; seed?: number }): Promise<DemoDocumentsResult> {
  const docs = await buildDemoDocuments(trx, sites, { mode: opts.mode, now: platform.clock.now(), seed: opts.seed });
  // Chronological insertion keeps each organization's index numbers in date order.
  const ordered = [...docs].sort((a, b) => a.publishedAt - b.publishedAt || a.key - b.key);
  const author = await trx.selectFrom('users').select('id').where('username', '=', 'editor').executeTakeFirst();
  const ids = await seedPublishedDocuments(trx, ordered, { authorId: author ? Number(author.id) : 0 });
  const result: DemoDocumentsResult = {
    documents: docs.length,
    sites: new Set(docs.map((d) => d.siteId)).size,
    policies: docs.filter((d) => d.kind === 'policy').length,
    interpretations: docs.filter((d) => d.kind === 'interpretation').length,
    seedPolicyId: ids.get(0) as number,
    seedInterpretationId: ids.get(1) as number,
  };
  await platform.audit.append(trx, systemActor('demo-seed'), { action: 'demo.seed_documents', result: 'success', detail: { mode: opts.mode, ...result } });
  return result;
}

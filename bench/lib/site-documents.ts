/**
 * Fills ONE demo site with a large document set, fast: the demo's own document mix for that
 * site only (its columns, kinds and texts; bench/lib/document-set.ts gives the statuses and five
 * years of history) written with bench/lib/bulk-insert.ts. The index-number allocator is moved
 * past the numbers the set used, as the documents bench does, so later real drafts get fresh ones.
 */
import { buildDemoDocuments } from '../../src/demo/seed-documents.js';
import { progressBar } from '../../src/cli/progress.js';
import { getSiteByCode, listSites } from '../../src/modules/sites/index.js';
import type { Platform } from '../../src/platform/platform.js';
import { DocumentSet } from './document-set.js';
import { vacuumAnalyzePostgres, writeDocumentSet } from './bulk-insert.js';
import { typicalDocument } from '../checks.bench.js';

export interface SiteDocuments {
  readonly siteId: number;
  readonly set: DocumentSet;
  readonly seconds: number;
}

export async function fillSite(platform: Platform, q: {
  siteCode: string; total: number; seed: number; sqliteFile: string | null; postgresUrl: string | null; log: (m: string) => void;
}): Promise<SiteDocuments> {
  const db = platform.db;
  const site = await getSiteByCode(db, q.siteCode);
  if (!site) throw new Error(`demo site ${q.siteCode} missing`);
  const now = platform.clock.now();
  const templates = (await buildDemoDocuments(db, await listSites(db), { mode: 'full', now })).filter((t) => t.siteId === site.id);
  const author = await db.selectFrom('users').select('id').where('username', '=', 'editor').executeTakeFirstOrThrow();
  const counters = new Map((await db.selectFrom('index_number_counters').selectAll().execute()).map((c) => [`${c.org_id}:${c.year}`, Number(c.last_value)]));
  const maxDoc = await db.selectFrom('documents').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
  const maxEdition = await db.selectFrom('document_editions').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
  const set = new DocumentSet(templates, typicalDocument().bodyHtml, {
    total: q.total, now, seed: q.seed, counters, firstId: Number(maxDoc.m ?? 0) + 1, firstEditionId: Number(maxEdition.m ?? 0) + 1,
  });
  const bar = progressBar(`  generating ${q.total.toLocaleString('en')} documents on ${site.name} [${platform.dbh.engine}]`);
  const started = process.hrtime.bigint();
  try {
    const authorId = Number(author.id);
    await writeDocumentSet(platform, set, { authorId, progress: bar });
  } finally {
    bar.stop();
  }
  const rows = [...counters].map(([key, last]) => {
    const [org, year] = key.split(':').map(Number);
    return { org_id: org as number, year: year as number, last_value: last };
  });
  if (rows.length > 0) {
    await db.insertInto('index_number_counters').values(rows)
      .onConflict((oc) => oc.columns(['org_id', 'year']).doUpdateSet((eb) => ({ last_value: eb.ref('excluded.last_value') }))).execute();
  }
  if (q.postgresUrl) {
    q.log('vacuum (analyze) documents, document_editions');
    await vacuumAnalyzePostgres(q.postgresUrl);
  }
  return { siteId: site.id, set, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

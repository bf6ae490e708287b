/**
 * The document store at scale (default 1,000,000 documents, one edition each) on one engine:
 *
 * - the admin document list (`listDocuments`, called as the operation with the demo province
 *   editor as actor, 20 rows a page as the console asks) in six filter shapes, first page and
 *   pages deep in the list (a cursor at a random point between 20 % and 90 % of the filtered
 *   list, then nextCursor followed page by page), p95 against a primary-key lookup of one
 *   document (`getDocument`) in the same rounds;
 * - the editor's save of a 3,000-character draft (`saveDocument` with its lock version, then the
 *   machine checks on the saved fields, `runDraftChecks`, as POST /api/v1/checks/run does;
 *   saveDocument itself sanitizes and validates but runs no machine checks), p95 against a
 *   one-row UPDATE by primary key in its own transaction.
 *
 * The set is generated fast (bench/lib/bulk-insert.ts) into a dedicated database after the real
 * migrations and the demo seed, from the demo's own document mix (bench/lib/document-set.ts).
 *
 * Run alone: `node --import tsx bench/documents.bench.ts [--quick] [--docs N] [--engine sqlite|postgres]`.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { inTransaction, type Db, type Engine } from '../src/db/index.js';
import { buildDemoDocuments } from '../src/demo/seed-documents.js';
import { seedDemo } from '../src/demo/seed-demo.js';
import { progressBar } from '../src/cli/progress.js';
import { listSites } from '../src/modules/sites/index.js';
import { getDocument, getEdition, type DocumentStatus } from '../src/modules/content/index.js';
import { contentDeps } from '../src/modules/content/content-deps.js';
import { saveDocument } from '../src/modules/content/operations/save-document.js';
import { htmlToPlainText, runDraftChecks } from '../src/modules/checks/index.js';
import { grantsOfUser } from '../src/platform/identity/grants.repo.js';
import type { Actor } from '../src/platform/identity/actor.js';
import type { Platform } from '../src/platform/platform.js';
import { Prng } from '../src/demo/documents/prng.js';
import type { BenchOptions, BenchResult, Figure } from './lib/figure.js';
import { createBenchPlatform } from './lib/bench-server.js';
import { createBenchDatabase } from './lib/bench-database.js';
import { DocumentSet, HISTORY_DAYS, TYPICAL_BODY_SHARE } from './lib/document-set.js';
import { vacuumAnalyzePostgres, writeDocumentSet } from './lib/bulk-insert.js';
import { median, timeMs } from './lib/stats.js';
import { percentile } from './lib/percentile.js';
import { formatNumber, formatTable } from './lib/print-table.js';
import { cpuPlan } from './lib/cpu-pinning.js';
import { typicalDocument } from './checks.bench.js';
import { listRound, PAGE, SHAPES, STATUSES, timed, type ListSamples, type Placed } from './lib/document-list-rounds.js';

export const LIST_GOAL_MS = 50;
export const DEFAULT_DOCS = 1_000_000;
export const QUICK_DOCS = 20_000;
const SEED = 20_261_126;

interface Sizes {
  readonly firstPages: number;
  readonly deepStarts: number;
  readonly deepPages: number;
  readonly lookups: number;
  readonly saves: number;
}

const sizesFor = (quick: boolean): Sizes => (quick
  ? { firstPages: 10, deepStarts: 2, deepPages: 5, lookups: 50, saves: 8 }
  : { firstPages: 40, deepStarts: 4, deepPages: 10, lookups: 200, saves: 30 });

interface Generated extends Placed {
  readonly set: DocumentSet;
  readonly seconds: number;
}

async function generate(platform: Platform, file: string | null, url: string | null, total: number, log: (m: string) => void): Promise<Generated> {
  const db = platform.db;
  const now = platform.clock.now();
  const templates = await buildDemoDocuments(db, await listSites(db), { mode: 'full', now });
  const author = await db.selectFrom('users').select('id').where('username', '=', 'editor').executeTakeFirstOrThrow();
  const counters = new Map((await db.selectFrom('index_number_counters').selectAll().execute()).map((c) => [`${c.org_id}:${c.year}`, Number(c.last_value)]));
  const maxDoc = await db.selectFrom('documents').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
  const maxEdition = await db.selectFrom('document_editions').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
  const set = new DocumentSet(templates, typicalDocument().bodyHtml, {
    total, now, seed: SEED, counters, firstId: Number(maxDoc.m ?? 0) + 1, firstEditionId: Number(maxEdition.m ?? 0) + 1,
  });
  const bar = progressBar(`  generating ${total.toLocaleString('en')} documents [${platform.dbh.engine}]`);
  const started = process.hrtime.bigint();
  try {
    const authorId = Number(author.id);
    await writeDocumentSet(platform, set, { authorId, progress: bar });
  } finally {
    bar.stop();
  }
  // The allocator must continue after the numbers the set used.
  const rows = [...counters].map(([key, last]) => {
    const [org, year] = key.split(':').map(Number);
    return { org_id: org as number, year: year as number, last_value: last };
  });
  if (rows.length > 0) {
    await db.insertInto('index_number_counters').values(rows)
      .onConflict((oc) => oc.columns(['org_id', 'year']).doUpdateSet((eb) => ({ last_value: eb.ref('excluded.last_value') }))).execute();
  }
  if (url) {
    log('vacuum (analyze) documents, document_editions');
    await vacuumAnalyzePostgres(url);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const byColumn = new Map(templates.map((t) => [t.columnId, { siteId: t.siteId, columnId: t.columnId }]));
  return { set, seconds, placements: [...byColumn.values()] };
}

async function editorActor(db: Db): Promise<Actor> {
  const u = await db.selectFrom('users').select(['id', 'username', 'display_name', 'org_id']).where('username', '=', 'editor').executeTakeFirstOrThrow();
  return {
    kind: 'user', userId: Number(u.id), username: u.username, displayName: u.display_name, orgId: u.org_id === null ? null : Number(u.org_id),
    grants: await grantsOfUser(db, Number(u.id)), sessionId: null, ip: '127.0.0.1', userAgent: 'jiyue-bench',
  };
}


async function lookupRound(db: Db, rng: Prng, maxId: number, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = rng.int(1, maxId);
    times.push(await timeMs(() => getDocument(db, id)));
  }
  return times;
}

interface Stat {
  readonly p50: number;
  readonly p95: number;
}
const stat = (xs: readonly number[]): Stat => ({ p50: percentile(xs, 50), p95: percentile(xs, 95) });
const ms = (x: number) => `${formatNumber(x)} ms`;

function saveInput(n: number) {
  const doc = typicalDocument();
  const m = doc.metadata as Record<string, string>;
  return {
    title: doc.title,
    // A one-paragraph edit, different every time, as an editor's save is.
    bodyHtml: `${doc.bodyHtml}<p>（第${n}次修改：补充联系人信息。）</p>`,
    documentNumber: m.documentNumber, dateWritten: m.dateWritten, topicCategory: m.topicCategory, genre: m.genre, issuingOrgName: m.issuingOrgName,
  };
}

/** Saves a document the way the editor does (lock version from the loaded edition), then runs the machine checks on what was saved. */
async function saveAndCheck(platform: Platform, actor: Actor, id: number, n: number, columnKinds: ReadonlyMap<number, string>): Promise<{ save: number; checks: number }> {
  const db = platform.db;
  const doc = await getDocument(db, id);
  const loaded = doc ? await getEdition(db, doc.currentEditionId) : undefined;
  if (!doc || !loaded) throw new Error(`bench document ${id} is missing`);
  const { value: { document, edition }, ms: save } = await timed(() => saveDocument({
    db, actor, documentId: id, input: { lockVersion: loaded.lockVersion, ...saveInput(n) }, deps: contentDeps(platform),
  }));
  const checks = await timeMs(() => runDraftChecks({
    db,
    input: {
      title: edition.title, bodyHtml: edition.bodyHtml, columnKind: columnKinds.get(document.columnId),
      metadata: {
        subtitle: edition.subtitle, summary: edition.summary, keywords: edition.keywords, documentNumber: edition.documentNumber,
        topicCategory: edition.topicCategory, genre: edition.genre, issuingOrgName: edition.issuingOrgName, dateWritten: edition.dateWritten,
        source: edition.source, indexNumber: document.indexNumber, interpretsId: document.interpretsId,
      },
    },
  }));
  return { save, checks };
}

/** The smallest write a request makes: one row updated by primary key, in its own transaction. */
async function oneRowUpdate(db: Db, id: number): Promise<number> {
  return timeMs(() => inTransaction(db, (trx) => trx.updateTable('documents').set((eb) => ({ updated_at: eb.ref('updated_at') })).where('id', '=', id).execute()));
}

/** Bytes on disk: the SQLite file with its WAL, or the PostgreSQL database. */
async function databaseSize(db: Db, engine: Engine, file: string): Promise<number> {
  if (engine === 'sqlite') return fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
  const r = await db.selectNoFrom((eb) => eb.fn<number>('pg_database_size', [eb.fn('current_database')]).as('s')).executeTakeFirstOrThrow();
  return Number(r.s);
}

export async function benchDocuments(opts: BenchOptions, engine: Engine, q: { docs: number }): Promise<BenchResult> {
  const tdb = await createBenchDatabase(engine);
  let platform: Platform | null = null;
  try {
    platform = await createBenchPlatform(tdb);
    const p = platform;
    const db = p.db;
    await seedDemo(p, { writeAccountsFile: false, documents: 'minimal' });
    const g = await generate(p, engine === 'sqlite' ? tdb.name : null, tdb.databaseUrl, q.docs, opts.log);
    const { set } = g;
    const size = await databaseSize(db, engine, tdb.name);
    opts.log(`${q.docs.toLocaleString('en')} documents in ${g.seconds.toFixed(1)} s (${Math.round(q.docs / g.seconds).toLocaleString('en')} documents/s), database ${(size / 2 ** 30).toFixed(2)} GiB`);

    const actor = await editorActor(db);
    const s = sizesFor(opts.quick);
    const rng = new Prng(SEED + 1);
    const { m: maxIdRaw } = await db.selectFrom('documents').select((eb) => eb.fn.max('id').as('m')).executeTakeFirstOrThrow();
    const maxId = Number(maxIdRaw);
    const columnKinds = new Map((await db.selectFrom('columns').select(['id', 'kind']).execute()).map((c) => [Number(c.id), c.kind as string]));

    // Warm-up: statement caches, JIT, the check context, the pages the plans touch.
    await lookupRound(db, rng, maxId, 20);
    await listRound(db, actor, g, rng, { ...s, firstPages: 2, deepStarts: 1, deepPages: 2 });

    const listByRound: Map<string, ListSamples>[] = [];
    const lookupsByRound: number[][] = [];
    for (let round = 0; round < opts.rounds; round++) {
      let list: Map<string, ListSamples>;
      let lookups: number[];
      if (round % 2 === 0) {
        lookups = await lookupRound(db, rng, maxId, s.lookups);
        list = await listRound(db, actor, g, rng, s);
      } else {
        list = await listRound(db, actor, g, rng, s);
        lookups = await lookupRound(db, rng, maxId, s.lookups);
      }
      listByRound.push(list);
      lookupsByRound.push(lookups);
      const base = stat(lookups);
      opts.log(`documents [${engine}] list round ${round + 1}: primary-key lookup p95 ${ms(base.p95)}; `
        + SHAPES.map((sh) => {
          const x = list.get(sh.key) as ListSamples;
          return `${sh.key} p95 ${ms(stat(x.first).p95)} / ${x.deep.length > 0 ? ms(stat(x.deep).p95) : '—'}`;
        }).join(', '));
    }

    // Saves: distinct drafts with the 3,000-character body, each loaded then saved once.
    // A small set has few such drafts: fewer saves per round then (the warm-up takes the extra share).
    const perRound = Math.min(s.saves, Math.floor(set.typicalDrafts.length / (opts.rounds + 1)));
    if (perRound < 3) throw new Error(`only ${set.typicalDrafts.length} drafts with the typical body; use more documents`);
    const drafts = rng.sample(set.typicalDrafts, perRound * (opts.rounds + 1));
    let n = 0;
    for (let i = 0; i < 3; i++) {
      await saveAndCheck(p, actor, drafts.pop() as number, n++, columnKinds);
      await oneRowUpdate(db, rng.int(1, maxId));
    }
    const saveRounds: { save: number[]; checks: number[]; both: number[]; base: number[] }[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      const r = { save: [] as number[], checks: [] as number[], both: [] as number[], base: [] as number[] };
      const saves = async () => {
        for (let i = 0; i < perRound; i++) {
          const t = await saveAndCheck(p, actor, drafts.pop() as number, n++, columnKinds);
          r.save.push(t.save);
          r.checks.push(t.checks);
          r.both.push(t.save + t.checks);
        }
      };
      const updates = async () => {
        for (let i = 0; i < perRound; i++) r.base.push(await oneRowUpdate(db, rng.int(1, maxId)));
      };
      if (round % 2 === 0) { await updates(); await saves(); } else { await saves(); await updates(); }
      saveRounds.push(r);
      opts.log(`documents [${engine}] save round ${round + 1}: save + checks p95 ${ms(stat(r.both).p95)}, one-row update p95 ${ms(stat(r.base).p95)}`);
    }
    // A published document's first save copies it into a new draft edition (informational).
    const published = rng.sample(set.typicalPublished, perRound);
    const firstSaves: number[] = [];
    for (const id of published) firstSaves.push((await saveAndCheck(p, actor, id, n++, columnKinds)).save);

    const figures: Figure[] = [];
    const p50Notes: string[] = [];
    const goal = engine === 'sqlite' ? `p95 ≤ ${LIST_GOAL_MS} ms` : `— (SQLite: p95 ≤ ${LIST_GOAL_MS} ms)`;
    const lookupP95 = lookupsByRound.map((l) => stat(l).p95);
    for (const shape of SHAPES) {
      for (const part of ['first', 'deep'] as const) {
        const perRound = listByRound.map((l) => (l.get(shape.key) as ListSamples)[part]).filter((x) => x.length > 0);
        if (perRound.length === 0) {
          p50Notes.push(`${shape.key} ${part}: no filtered list long enough for deep pages`);
          continue;
        }
        const p95s = perRound.map((x) => stat(x).p95);
        const value = median(p95s);
        figures.push({
          name: `documents list, ${shape.label}, ${part === 'first' ? 'first page' : 'deep pages'}, p95 [${engine}]`,
          value, unit: 'ms',
          baseline: { value: median(lookupP95), unit: 'ms', label: 'primary-key lookup p95' },
          ratio: median(p95s.map((v, i) => v / (lookupP95[i] ?? Number.NaN))),
          goal, pass: engine === 'sqlite' ? value <= LIST_GOAL_MS : null,
        });
        p50Notes.push(`${shape.key} ${part === 'first' ? 'first' : 'deep'} ${ms(median(perRound.map((x) => stat(x).p50)))}`);
      }
    }
    const saveP95 = saveRounds.map((r) => stat(r.both).p95);
    const baseP95 = saveRounds.map((r) => stat(r.base).p95);
    figures.push({
      name: `editor save + machine checks, ${htmlToPlainText(saveInput(0).bodyHtml).length}-character draft, p95 [${engine}]`,
      value: median(saveP95), unit: 'ms',
      baseline: { value: median(baseP95), unit: 'ms', label: 'one-row UPDATE by id, own transaction, p95' },
      ratio: median(saveP95.map((v, i) => v / (baseP95[i] ?? Number.NaN))),
      goal: '— (info)', pass: null,
    });
    const all = (k: 'save' | 'checks') => stat(saveRounds.flatMap((r) => r[k]));
    const pct = (k: DocumentStatus) => `${k} ${((set.counts[k] / q.docs) * 100).toFixed(1)} %`;
    return {
      figures,
      notes: [
        `documents [${engine}]: ${q.docs.toLocaleString('en')} documents (one edition each) generated in ${g.seconds.toFixed(0)} s into ${engine === 'sqlite' ? `a SQLite file of ${(size / 2 ** 30).toFixed(2)} GiB` : `PostgreSQL database ${tdb.name} (${(size / 2 ** 30).toFixed(2)} GiB)`}`
          + ` after the real migrations and the demo seed; the demo's site/column/kind mix over ${HISTORY_DAYS / 365} years; ${STATUSES.map(pct).join(', ')};`
          + ` ${Math.round(TYPICAL_BODY_SHARE * 100)} % of bodies are the typical 3,000-character notice, the rest demo templates`
          + (engine === 'postgres' ? '; VACUUM ANALYZE after loading (what autovacuum does on a live system)' : '; no ANALYZE (the application never runs it)'),
        `documents list [${engine}]: actor = demo editor (province-wide grant: every site), ${PAGE} rows a page; per round ${s.firstPages} first pages per shape `
          + `(random site/column/status, statuses equally likely) and ${s.deepStarts} deep starts × ${s.deepPages} pages; p50: ${p50Notes.join(', ')}; `
          + `primary-key lookup p50 ${ms(median(lookupsByRound.map((l) => stat(l).p50)))}`,
        `editor save [${engine}]: ${perRound} distinct drafts per round; saveDocument alone p50 ${ms(all('save').p50)} / p95 ${ms(all('save').p95)} `
          + `(sanitize, validate, lock-version update, audit event); machine checks (runDraftChecks) p50 ${ms(all('checks').p50)} / p95 ${ms(all('checks').p95)}; `
          + `first save of a published document (creates its next edition) p50 ${ms(stat(firstSaves).p50)} / p95 ${ms(stat(firstSaves).p95)}`,
      ],
    };
  } finally {
    await platform?.close();
    await tdb.drop();
  }
}

/** `--docs 100000` (commas and underscores allowed); the quick default is small. */
export function documentCount(raw: string | undefined, quick: boolean): number {
  if (raw === undefined) return quick ? QUICK_DOCS : DEFAULT_DOCS;
  const n = Number(raw.replace(/[,_]/g, ''));
  if (!Number.isInteger(n) || n < 5_000 || n > 20_000_000) throw new RangeError(`--docs must be a whole number from 5000 to 20000000, not ${raw}`);
  return n;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, docs: { type: 'string' }, engine: { type: 'string', default: 'sqlite' } } });
  const engine = values.engine === 'postgres' ? 'postgres' : 'sqlite';
  const result = await benchDocuments({ quick: values.quick, rounds: 3, cpu: cpuPlan(), log: (m) => process.stderr.write(`  ${m}\n`) }, engine, { docs: documentCount(values.docs, values.quick) });
  console.log(formatTable(result.figures));
  for (const note of result.notes) console.log(`- ${note}`);
}

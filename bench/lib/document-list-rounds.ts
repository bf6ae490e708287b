/**
 * The admin document list's timed rounds for bench/documents.bench.ts: six filter shapes
 * (the console's default view, then the filters the API offers), first pages and pages deep in
 * the list followed by nextCursor, each page timed around `listDocuments` as the operation.
 */
import type { Db } from '../../src/db/index.js';
import type { DocumentStatus } from '../../src/modules/content/index.js';
import { encodeCursor, listDocuments, type ListDocumentsInput } from '../../src/modules/content/operations/list-documents.js';
import type { Actor } from '../../src/platform/identity/actor.js';
import type { Prng } from '../../src/demo/documents/prng.js';
import { timeMs } from './stats.js';

/** Rows a page, as the console asks. */
export const PAGE = 20;
export const STATUSES: readonly DocumentStatus[] = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn'];

export interface Shape {
  readonly key: string;
  readonly label: string;
  readonly site: boolean;
  readonly column: boolean;
  readonly status: boolean;
}

/** The console's default view (everything in scope), then the filters the API offers. */
export const SHAPES: readonly Shape[] = [
  { key: 'none', label: 'no filter (default view)', site: false, column: false, status: false },
  { key: 'site', label: 'site', site: true, column: false, status: false },
  { key: 'status', label: 'status', site: false, column: false, status: true },
  { key: 'site+status', label: 'site + status', site: true, column: false, status: true },
  { key: 'site+column', label: 'site + column', site: true, column: true, status: false },
  { key: 'site+column+status', label: 'site + column + status', site: true, column: true, status: true },
];

interface Filters {
  readonly siteId?: number;
  readonly columnId?: number;
  readonly status?: DocumentStatus;
}

/** What the list rounds need of the generated set: the (site, column) pairs that hold documents. */
export interface Placed {
  readonly placements: readonly { readonly siteId: number; readonly columnId: number }[];
}

function filtersFor(shape: Shape, rng: Prng, g: Placed): Filters {
  const p = rng.pick(g.placements);
  const siteId = shape.column ? p.siteId : rng.pick([...new Set(g.placements.map((x) => x.siteId))]);
  return {
    ...(shape.site ? { siteId } : {}),
    ...(shape.column ? { columnId: p.columnId } : {}),
    ...(shape.status ? { status: rng.pick(STATUSES) } : {}),
  };
}

function filteredDocuments(db: Db, f: Filters) {
  let q = db.selectFrom('documents');
  if (f.siteId !== undefined) q = q.where('site_id', '=', f.siteId);
  if (f.columnId !== undefined) q = q.where('column_id', '=', f.columnId);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  return q;
}

/**
 * A cursor deep in a filtered list: the (updated_at, id) of the row at a random point between
 * 20 % and 90 % of it, exactly what nextCursor would carry after paging there. Found untimed.
 */
async function deepCursor(db: Db, shape: Shape, rng: Prng, g: Placed, pages: number): Promise<{ filters: Filters; cursor: string; offset: number } | null> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const filters = filtersFor(shape, rng, g);
    const { n } = await filteredDocuments(db, filters).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const room = Number(n) - pages * PAGE;
    if (room < PAGE * 5) continue;
    const offset = Math.floor(Number(n) * (0.2 + 0.7 * rng.next()));
    const row = await filteredDocuments(db, filters).select(['updated_at', 'id']).orderBy('updated_at', 'desc').orderBy('id', 'desc')
      .offset(Math.min(offset, room)).limit(1).executeTakeFirst();
    if (row) return { filters, cursor: encodeCursor(Number(row.updated_at), Number(row.id)), offset: Math.min(offset, room) };
  }
  return null;
}

/** The result of fn and the milliseconds it took (wall clock). */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { value, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

export interface ListSamples {
  first: number[];
  deep: number[];
}

export async function listRound(db: Db, actor: Actor, g: Placed, rng: Prng, s: { readonly firstPages: number; readonly deepStarts: number; readonly deepPages: number }): Promise<Map<string, ListSamples>> {
  const out = new Map<string, ListSamples>();
  for (const shape of SHAPES) {
    const samples: ListSamples = { first: [], deep: [] };
    for (let i = 0; i < s.firstPages; i++) {
      const input: ListDocumentsInput = { ...filtersFor(shape, rng, g), limit: PAGE };
      samples.first.push(await timeMs(() => listDocuments({ db, actor, input })));
    }
    for (let i = 0; i < s.deepStarts; i++) {
      const start = await deepCursor(db, shape, rng, g, s.deepPages);
      if (!start) continue;
      let cursor: string | null = start.cursor;
      for (let p = 0; p < s.deepPages && cursor; p++) {
        const input: ListDocumentsInput = { ...start.filters, cursor, limit: PAGE };
        const page = await timed(() => listDocuments({ db, actor, input }));
        samples.deep.push(page.ms);
        cursor = page.value.nextCursor;
      }
    }
    out.set(shape.key, samples);
  }
  return out;
}

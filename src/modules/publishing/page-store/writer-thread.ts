import { Worker } from 'node:worker_threads';
import type { CompressionPlan } from './compress.js';

/**
 * The page store's file work on a thread of its own: SM3 digests, gzip and brotli, and the
 * atomic replacement of each file (write into a spare or a temp file, hard-link the old file as
 * a spare, rename), one message per page.
 *
 * A rebuild renders on the main thread; before, each stored page cost the main thread about
 * fifteen asynchronous file-system requests (each a thread wake-up and a callback) plus the
 * digests, which left it busier storing pages than rendering them. Here the main thread posts a
 * page and gets its digests back. Only the costly call (creating a file: a new inode) goes to
 * libuv's pool, several side by side; a first version making every call synchronously on this
 * thread created files one at a time and stored pages slower than before.
 *
 * Plain CommonJS evaluated from a string, so it runs however the process loads TypeScript. It
 * holds no policy: which spares to use, which names to retire old files under and how to
 * compress are decided by the caller (file-page-store.ts, spare-files.ts, compress.ts).
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { promisify } = require('node:util');
const { createHash, randomBytes } = require('node:crypto');

// The callback forms: fs.promises opens a FileHandle per write, which costs about twice as much
// per file as a plain descriptor.
const writeFile = promisify(fs.writeFile);
const stat = promisify(fs.stat);
const readFile = promisify(fs.readFile);
const mkdir = promisify(fs.mkdir);

const sm3 = (bytes) => createHash('sm3').update(bytes).digest('hex');
const codeOf = (e) => (e && e.code) || '';

let tempSeq = 0;
const tempTag = process.pid.toString(36) + '-' + randomBytes(4).toString('hex') + '-';

/** A new temp file beside the target holding the bytes (its folder made only when missing). */
async function writeTempBeside(target, bytes) {
  const tmp = target + '.' + tempTag + (tempSeq++).toString(36) + '.tmp';
  try {
    await writeFile(tmp, bytes, { mode: 0o644 });
  } catch (e) {
    if (codeOf(e) !== 'ENOENT') throw e;
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(tmp, bytes, { mode: 0o644 });
  }
  return tmp;
}

/**
 * Overwrites a spare without truncating it first, then cuts it to the new length: a page's new
 * bytes reuse the old blocks instead of freeing and allocating them (on ext4 with discard this
 * halves the cost of the write). Synchronous: a few microseconds of kernel work, cheaper than
 * handing it to the pool. False when the spare is gone.
 */
function overwriteSpare(spare, bytes) {
  let fd;
  try { fd = fs.openSync(spare, 'r+'); } catch (e) { if (codeOf(e) === 'ENOENT') return false; throw e; }
  try {
    const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
    for (let at = 0; at < buf.length;) at += fs.writeSync(fd, buf, at, buf.length - at, at);
    fs.ftruncateSync(fd, buf.length);
  } finally {
    fs.closeSync(fd);
  }
  return true;
}

function unlinkQuiet(file) {
  try { fs.unlinkSync(file); } catch (e) { if (codeOf(e) !== 'ENOENT') throw e; }
}

/** Links the file about to be replaced under a spare name; null when it cannot be kept. */
function retire(target, name) {
  try { fs.linkSync(target, name); return name; } catch (e) {
    if (codeOf(e) !== 'ENOENT' || !fs.existsSync(target)) return null;
  }
  try { fs.mkdirSync(path.dirname(name), { recursive: true }); fs.linkSync(target, name); return name; } catch { return null; }
}

/**
 * Write then rename: a reader sees the old file or the new one, never half of either. The bytes
 * go into the next spare when one is left, else into a temp file beside the target. Creating
 * that file is the one costly call (a new inode): it goes to libuv's pool, so several run side
 * by side; the rest (overwriting a spare, link, rename: no inode made or freed) are synchronous.
 */
async function writeAtomic(job, target, bytes, exists) {
  let spare = job.spares.length > 0 ? job.spares.shift() : null;
  if (spare !== null) {
    try {
      // The spares' folder may be deleted at any time, or the spare freed by another process.
      if (!overwriteSpare(spare, bytes)) spare = null;
    } catch (e) {
      job.unused.push(spare);
      throw e;
    }
  }
  const tmp = spare !== null ? spare : await writeTempBeside(target, bytes);
  const old = exists && job.retire.length > 0 ? retire(target, job.retire.shift()) : null;
  try {
    try {
      fs.renameSync(tmp, target);
    } catch (e) {
      // A spare lives outside the target's folder, which may not exist yet: the spare (still
      // holding a whole file) goes back, and a temp file beside the target takes its place.
      if (codeOf(e) !== 'ENOENT' || spare === null) throw e;
      job.unused.push(spare);
      fs.renameSync(await writeTempBeside(target, bytes), target);
    }
  } catch (e) {
    if (old !== null) unlinkQuiet(old);
    throw e;
  }
  if (old !== null) job.kept.push(old);
}

/** The gzip and brotli variants of a body that the plan keeps (those at most maxSize bytes). */
function compressed(body, plan) {
  const variants = {};
  const gz = zlib.gzipSync(body, plan.gzip);
  const br = zlib.brotliCompressSync(body, plan.brotli);
  if (gz.length <= plan.maxSize) variants.gzip = gz;
  if (br.length <= plan.maxSize) variants.br = br;
  return variants;
}

/** One page: digest, skip when the store already holds it, else compress and replace its files. */
async function storePage(job, m) {
  const digest = sm3(m.body);
  const p = m.prior;
  if (p !== null && p.sm3 === digest) {
    let st = null;
    try { st = await stat(m.files.identity); } catch {}
    if (st !== null && st.isFile() && st.size === p.size) return { unchanged: true, sm3: digest };
  }
  const variants = m.compress !== null ? compressed(m.body, m.compress) : {};
  const out = { unchanged: false, sm3: digest };
  // The page and its variants are independent files: replaced side by side (all settled before
  // answering, so every spare used or kept is reported).
  const settled = await Promise.allSettled([
    writeAtomic(job, m.files.identity, m.body, m.exists.identity),
    ...['gzip', 'br'].map(async (v) => {
      if (variants[v]) {
        out[v] = sm3(variants[v]);
        await writeAtomic(job, m.files[v], variants[v], m.exists[v]);
      } else if (m.unlinkMissing[v]) {
        unlinkQuiet(m.files[v]);
      }
    }),
  ]);
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return out;
}

/**
 * The precompressed variants of a page already stored (a full rebuild stores pages first): read
 * the page, check it is still the bytes the manifest lists, compress, replace the variant files.
 */
async function storeVariants(job, m) {
  let body;
  try { body = await readFile(m.files.identity); } catch (e) { if (codeOf(e) === 'ENOENT') return { stale: true }; throw e; }
  if (sm3(body) !== m.sm3) return { stale: true };
  const out = { stale: false };
  const settled = await Promise.allSettled(Object.entries(compressed(body, m.compress)).map(async ([v, bytes]) => {
    out[v] = sm3(bytes);
    await writeAtomic(job, m.files[v], bytes, false);
  }));
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
  return out;
}

/** Requests run side by side (the file calls go to libuv's pool); each answers when done. */
parentPort.on('message', async (m) => {
  const job = { spares: m.spares.slice(), retire: m.retire.slice(), kept: [], unused: [] };
  let reply;
  try {
    if (m.kind === 'page') reply = await storePage(job, m);
    else if (m.kind === 'variants') reply = await storeVariants(job, m);
    else {
      for (const group of m.groups) {
        const settled = await Promise.allSettled(group.map((w) => writeAtomic(job, w.target, w.bytes, w.exists)));
        const failed = settled.find((r) => r.status === 'rejected');
        if (failed) throw failed.reason;
      }
      reply = {};
    }
  } catch (e) {
    reply = { error: (e && e.message) || String(e), errorCode: codeOf(e) };
  }
  reply.id = m.id;
  reply.kept = job.kept;
  reply.unused = job.unused.concat(job.spares);
  parentPort.postMessage(reply);
});
`;

/** The spares a request may use and the names old files may be kept under. */
interface SpareLease {
  /** Spare files old enough to overwrite, used in order. */
  readonly spares: readonly string[];
  /** Names (in the spares' folder) for the files being replaced, used in order. */
  readonly retire: readonly string[];
}

export interface PageRequest extends SpareLease {
  readonly body: Buffer;
  readonly compress: CompressionPlan | null;
  /** The entry the manifest lists: a page with the same digest whose file has that size is left alone. */
  readonly prior: { readonly sm3: string; readonly size: number } | null;
  readonly files: Readonly<Record<'identity' | 'gzip' | 'br', string>>;
  /** Which of the files exist now (the old one is then kept as a spare). */
  readonly exists: Readonly<Record<'identity' | 'gzip' | 'br', boolean>>;
  /** Variants to delete when the page no longer has them. */
  readonly unlinkMissing: Readonly<Record<'gzip' | 'br', boolean>>;
}

export interface VariantsRequest extends SpareLease {
  /** The SM3 the manifest lists for the page: other bytes on disk are left alone (stale). */
  readonly sm3: string;
  readonly compress: CompressionPlan;
  readonly files: Readonly<Record<'identity' | 'gzip' | 'br', string>>;
}

export interface VariantsOutcome extends Outcome {
  /** The page on disk is not the one asked about (replaced or changed since): nothing written. */
  readonly stale: boolean;
  readonly gzip?: string;
  readonly br?: string;
}

export interface FileWrite { readonly target: string; readonly bytes: Buffer | string; readonly exists: boolean }

export interface FilesRequest extends SpareLease {
  /** Groups written one after another; the files of a group side by side. */
  readonly groups: readonly (readonly FileWrite[])[];
}

interface Outcome {
  /** Retire names that now hold a replaced file (new spares). */
  readonly kept: string[];
  /** Spares given that were not used (still whole files, reusable). */
  readonly unused: string[];
}

export interface PageOutcome extends Outcome {
  readonly unchanged: boolean;
  readonly sm3: string;
  readonly gzip?: string;
  readonly br?: string;
}

type Reply = Partial<PageOutcome> & Outcome & { readonly stale?: boolean } & { readonly id: number; readonly error?: string; readonly errorCode?: string };

/** A failure on the writer thread, with the spares' bookkeeping the caller must still do. */
export class StoreWriteError extends Error {
  constructor(message: string, readonly code: string, readonly outcome: Outcome) { super(message); }
}

interface Waiting { resolve: (r: Reply) => void; reject: (e: unknown) => void }

/**
 * Writer threads: two, so that storing (compression above all) keeps up with rendering on a
 * machine with two cores or more; each page goes to the thread with the fewest waiting.
 */
const THREADS = 2;

interface Writer { readonly thread: Worker; readonly waiting: Map<number, Waiting> }

const writers: (Writer | null)[] = Array.from({ length: THREADS }, () => null);
/** Busy milliseconds of writer threads that have exited (a thread is replaced after a crash). */
let busyBefore = 0;
let nextId = 1;

const busyOf = (w: Worker): number => { try { return w.performance.eventLoopUtilization().active; } catch { return 0; } };

function start(slot: number): Writer {
  const running = writers[slot];
  if (running) return running;
  const thread = new Worker(SOURCE, { eval: true });
  const writer: Writer = { thread, waiting: new Map() };
  const fail = (err: unknown) => {
    // The next request starts a new thread; the requests in flight fail (their apply throws).
    if (writers[slot] === writer) { busyBefore += busyOf(thread); writers[slot] = null; }
    for (const p of writer.waiting.values()) p.reject(err);
    writer.waiting.clear();
  };
  thread.on('message', (r: Reply) => {
    const p = writer.waiting.get(r.id);
    writer.waiting.delete(r.id);
    // A thread only holds the process open while requests wait for it.
    if (writer.waiting.size === 0) thread.unref();
    p?.resolve(r);
  });
  thread.on('error', fail);
  thread.on('exit', (code) => fail(new Error(`page writer thread exited (${code})`)));
  thread.unref();
  writers[slot] = writer;
  return writer;
}

/** The slot with the fewest requests waiting (a slot with no thread yet counts as empty). */
function leastBusy(): number {
  let best = 0;
  for (let i = 1; i < THREADS; i++) if ((writers[i]?.waiting.size ?? 0) < (writers[best]?.waiting.size ?? 0)) best = i;
  return best;
}

/**
 * Milliseconds the writer threads have spent working since the process started, summed (for
 * benchmarks and profiles: with the main thread's own figure it tells what limits a rebuild).
 */
export function writerThreadBusyMs(): number {
  return writers.reduce((sum, w) => sum + (w ? busyOf(w.thread) : 0), busyBefore);
}

function send(request: ({ kind: 'page' } & PageRequest) | ({ kind: 'variants' } & VariantsRequest) | ({ kind: 'files' } & FilesRequest)): Promise<Reply> {
  const writer = start(leastBusy());
  const id = nextId++;
  return new Promise<Reply>((resolve, reject) => {
    writer.waiting.set(id, { resolve, reject });
    writer.thread.ref();
    writer.thread.postMessage({ ...request, id });
  }).then((r) => {
    if (r.error !== undefined) throw new StoreWriteError(r.error, r.errorCode ?? '', { kept: r.kept, unused: r.unused });
    return r;
  });
}

/** Stores one page (or finds it already stored) on a writer thread. */
export async function storePageOnThread(request: PageRequest): Promise<PageOutcome> {
  const r = await send({ kind: 'page', ...request });
  return { unchanged: r.unchanged ?? false, sm3: r.sm3 ?? '', kept: r.kept, unused: r.unused, ...(r.gzip ? { gzip: r.gzip } : {}), ...(r.br ? { br: r.br } : {}) };
}

/** Makes and stores the variants of a stored page on a writer thread. */
export async function storeVariantsOnThread(request: VariantsRequest): Promise<VariantsOutcome> {
  const r = await send({ kind: 'variants', ...request });
  return { stale: r.stale ?? false, kept: r.kept, unused: r.unused, ...(r.gzip ? { gzip: r.gzip } : {}), ...(r.br ? { br: r.br } : {}) };
}

/** Replaces files atomically on one writer thread: group after group, each group's files side by side. */
export async function writeFilesOnThread(request: FilesRequest): Promise<Outcome> {
  const r = await send({ kind: 'files', ...request });
  return { kept: r.kept, unused: r.unused };
}

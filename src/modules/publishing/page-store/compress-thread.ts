import { Worker } from 'node:worker_threads';
import type zlib from 'node:zlib';

/**
 * gzip and brotli on a thread of their own. A rebuild renders on the main thread while its
 * previous batch is stored; compressing on libuv's pool instead cost the main thread the
 * compressors' set-up and stream plumbing for every page, and the pool's threads are better
 * left to the file writes. The thread runs zlib's synchronous calls one page after another; one
 * thread compresses pages faster than one thread renders them, so more would not help.
 * Plain CommonJS evaluated from a string, so it runs however the process loads TypeScript; the
 * options are chosen by the caller (compress.ts), so the thread holds no policy of its own.
 */
const SOURCE = `
const { parentPort } = require('node:worker_threads');
const zlib = require('node:zlib');
/** @param {{ id: number, body: Uint8Array, gzip: import('node:zlib').ZlibOptions, brotli: import('node:zlib').BrotliOptions }} request */
parentPort.on('message', ({ id, body, gzip, brotli }) => {
  try {
    parentPort.postMessage({ id, gz: zlib.gzipSync(body, gzip), br: zlib.brotliCompressSync(body, brotli) });
  } catch (/** @type {unknown} */ err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
`;

/** What the thread is sent (the SOURCE's handler takes exactly this). */
interface Request { readonly id: number; readonly body: Buffer; readonly gzip: zlib.ZlibOptions; readonly brotli: zlib.BrotliOptions }
interface Reply { readonly id: number; readonly gz?: Uint8Array; readonly br?: Uint8Array; readonly error?: string }
interface Waiting { resolve: (v: [Buffer, Buffer]) => void; reject: (e: unknown) => void }

let worker: Worker | null = null;
let broken = false;
let nextId = 1;
const waiting = new Map<number, Waiting>();

const asBuffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

function fail(err: unknown): void {
  broken = true;
  worker = null;
  for (const w of waiting.values()) w.reject(err);
  waiting.clear();
}

function start(): Worker | null {
  if (worker || broken) return worker;
  try {
    const w = new Worker(SOURCE, { eval: true });
    w.on('message', (m: Reply) => {
      const pending = waiting.get(m.id);
      waiting.delete(m.id);
      // The thread only holds the process open while pages wait for it.
      if (waiting.size === 0) w.unref();
      if (!pending) return;
      if (m.error !== undefined || !m.gz || !m.br) pending.reject(new Error(`compression failed: ${m.error ?? 'no output'}`));
      else pending.resolve([asBuffer(m.gz), asBuffer(m.br)]);
    });
    w.on('error', fail);
    w.on('exit', (code) => { if (worker === w) fail(new Error(`compression thread exited (${code})`)); });
    w.unref();
    worker = w;
  } catch {
    broken = true;
  }
  return worker;
}

/**
 * gzip and brotli of one body on the compression thread, or null when no thread can run (the
 * caller then compresses on libuv's pool).
 */
export function compressOnThread(body: Buffer, gzip: zlib.ZlibOptions, brotli: zlib.BrotliOptions): Promise<[Buffer, Buffer]> | null {
  const w = start();
  if (!w) return null;
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.ref();
    const request: Request = { id, body, gzip, brotli };
    w.postMessage(request);
  });
}

import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { entryTags, entryTexts, segmentEntry, type SegmentedEntry } from './index-entries.js';
import { CONTROL } from './normalize.js';
import { SEARCHABLE, USER_DICTIONARY } from './segmenter.js';
import { termsOf } from './suggestion-terms.js';
import type { SearchEntry } from './search.types.js';

const require = createRequire(import.meta.url);

/**
 * The worker: the same normalization, jieba, dictionary, modes and token filter as
 * normalize.ts and segmenter.ts (the patterns passed in, not copied). Plain CommonJS evaluated
 * from a string, so it runs however the process loads TypeScript.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Jieba } = require(workerData.jieba);
const { dict } = require(workerData.dict);
const jieba = Jieba.withDict(dict);
jieba.loadDict(Buffer.from(workerData.userDictionary));
const searchable = new RegExp(workerData.searchable, workerData.flags);
const control = new RegExp(workerData.control, workerData.controlFlags);
// normalize.ts's normalizeText.
const normalize = (t) => t.normalize('NFKC').replace(control, ' ').toLowerCase();
const search = (t) => (t.trim() === '' ? '' : jieba.cutForSearch(t, true).filter((x) => searchable.test(x)).join(' '));
// Per entry the raw title, body and meta in; out: the three in search mode (tokens joined by
// spaces), then the title's precise-mode words.
parentPort.on('message', ({ id, texts }) => {
  const out = [];
  for (let i = 0; i < texts.length; i += 3) {
    const title = normalize(texts[i]);
    out.push(search(title), search(normalize(texts[i + 1])), search(normalize(texts[i + 2])),
      title.trim() === '' ? [] : jieba.cut(title, true).filter((x) => searchable.test(x)));
  }
  parentPort.postMessage({ id, out });
});
`;

/**
 * Segmentation on a second thread, so a bulk load (the reindex job, the benchmark) segments
 * the next batch while this thread writes the current one. Falls back to this thread when a
 * worker cannot be started.
 */
export class SegmentWorker {
  private next = 1;
  private readonly waiting = new Map<number, { resolve: (out: (string | string[])[]) => void; reject: (err: unknown) => void }>();

  private constructor(private readonly worker: Worker | null) {
    worker?.on('message', (m: { id: number; out: (string | string[])[] }) => {
      this.waiting.get(m.id)?.resolve(m.out);
      this.waiting.delete(m.id);
    });
    worker?.on('error', (err) => {
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    });
  }

  static start(): SegmentWorker {
    try {
      return new SegmentWorker(new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          jieba: require.resolve('@node-rs/jieba'), dict: require.resolve('@node-rs/jieba/dict.js'), userDictionary: USER_DICTIONARY,
          searchable: SEARCHABLE.source, flags: SEARCHABLE.flags, control: CONTROL.source, controlFlags: CONTROL.flags,
        },
      }));
    } catch {
      return new SegmentWorker(null);
    }
  }

  /** Same result as entries.map(segmentEntry). */
  async segment(entries: readonly SearchEntry[]): Promise<SegmentedEntry[]> {
    if (!this.worker) return entries.map(segmentEntry);
    if (entries.length === 0) {
      // A round trip: answered once the worker's dictionary is loaded.
      return this.call([]).then(() => []);
    }
    // Normalized on the worker too: this thread is the one writing the index.
    const texts = entries.flatMap((e) => entryTexts(e));
    const out = await this.call(texts);
    const text = (k: number): string => (typeof out[k] === 'string' ? out[k] : '');
    return entries.map((entry, i) => ({
      entry, title: text(i * 4), body: text(i * 4 + 1), meta: text(i * 4 + 2), tags: entryTags(entry),
      terms: termsOf(Array.isArray(out[i * 4 + 3]) ? out[i * 4 + 3] as string[] : [], entry.keywords),
    }));
  }

  /** Resolves once the worker has loaded its dictionary (the first batch otherwise waits for it). */
  async ready(): Promise<void> {
    await this.segment([]);
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
  }

  private call(texts: readonly string[]): Promise<(string | string[])[]> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker!.postMessage({ id, texts });
    });
  }
}

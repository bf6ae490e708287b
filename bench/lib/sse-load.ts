import http from 'node:http';
import { performance } from 'node:perf_hooks';

/**
 * Many raw SSE connections (plain http client sockets, not browsers) that note when each
 * posted marker `bench-<k>` arrives. Scanning the text for the marker is all the parsing a
 * latency measurement needs, and it keeps 1,000 clients cheap for the measuring process.
 */
export interface SseFleet {
  /** arrivals[k][client]: performance.now() when client saw marker k (undefined until then). */
  arrivalsOf(k: number): (number | undefined)[];
  received(k: number): number;
  close(): void;
}

export async function openFleet(targets: readonly { port: number; path: string; count: number }[]): Promise<SseFleet> {
  const arrivals = new Map<number, (number | undefined)[]>();
  const total = targets.reduce((n, t) => n + t.count, 0);
  const counts = new Map<number, number>();
  const reqs: http.ClientRequest[] = [];
  const marker = /bench-(\d+)/g;
  let index = 0;
  const connect = (port: number, path: string, me: number) => new Promise<void>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`SSE connect: ${res.statusCode}`));
        return;
      }
      res.setEncoding('utf8');
      let tail = '';
      res.on('data', (chunk: string) => {
        const t = performance.now();
        const text = tail + chunk;
        for (const m of text.matchAll(marker)) {
          const k = Number(m[1]);
          let row = arrivals.get(k);
          if (!row) arrivals.set(k, (row = new Array<number | undefined>(total)));
          if (row[me] === undefined) {
            row[me] = t;
            counts.set(k, (counts.get(k) ?? 0) + 1);
          }
        }
        tail = text.slice(-24); // a marker split across chunks is found next time
      });
      res.on('error', () => undefined);
      resolve();
    });
    req.on('error', reject);
    reqs.push(req);
  });
  // Connect in batches: a thousand simultaneous SYNs overflow the listen backlog on small machines.
  for (const t of targets) {
    for (let i = 0; i < t.count; i += 100) {
      await Promise.all(Array.from({ length: Math.min(100, t.count - i) }, () => connect(t.port, t.path, index++)));
    }
  }
  return {
    arrivalsOf: (k) => arrivals.get(k) ?? [],
    received: (k) => counts.get(k) ?? 0,
    close: () => { for (const r of reqs) r.destroy(); },
  };
}

/** Waits until every client has marker k (or the time runs out: the misses are reported, not hidden). */
export async function awaitAll(fleet: SseFleet, k: number, clients: number, ms = 10_000): Promise<number> {
  const end = performance.now() + ms;
  while (fleet.received(k) < clients && performance.now() < end) await new Promise((r) => setTimeout(r, 2));
  return clients - fleet.received(k);
}

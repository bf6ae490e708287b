/**
 * Who can give back a genuine page. The publishing module registers the real repairer (it
 * re-renders the page from published data and rewrites the file through the page store); until
 * one is registered, a tampered page is withheld (503) rather than served.
 */
export type PageRepairer = (siteCode: string, file: string) => Promise<Buffer | null>;

let current: PageRepairer | null = null;
const inFlight = new Map<string, Promise<Buffer | null>>();

/** Installs the repairer for this process; returns a function that removes it again. */
export function registerPageRepairer(fn: PageRepairer): () => void {
  current = fn;
  return () => {
    if (current === fn) current = null;
  };
}

export function hasPageRepairer(): boolean {
  return current !== null;
}

/**
 * Genuine identity bytes of a stored file, re-rendered and rewritten by the repairer; null when
 * none is registered or it cannot. Concurrent requests for the same file share one repair.
 */
export function repairPage(siteCode: string, file: string): Promise<Buffer | null> {
  const repairer = current;
  if (!repairer) return Promise.resolve(null);
  const key = `${siteCode}\u0000${file}`;
  const running = inFlight.get(key);
  if (running) return running;
  const run = repairer(siteCode, file).finally(() => inFlight.delete(key));
  inFlight.set(key, run);
  return run;
}

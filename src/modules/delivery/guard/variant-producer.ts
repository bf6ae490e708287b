/**
 * Who makes the traditional-characters variant of a page on first request. Publishing registers
 * it: it converts the genuine page and stores the result through the page store (so the variant
 * is listed and signed in the manifest and served under the same digest check as any page).
 */
export type VariantProducer = (siteCode: string, file: string) => Promise<boolean>;

let current: VariantProducer | null = null;
const inFlight = new Map<string, Promise<boolean>>();

export function registerVariantProducer(fn: VariantProducer): () => void {
  current = fn;
  return () => { if (current === fn) current = null; };
}

/**
 * True when the variant now exists in the store; concurrent requests for one page share the work.
 * Gives up waiting after `waitMs` (the write waits for the site's publishing lock, which a whole-
 * site rebuild holds for minutes): the caller then serves the page as it is, and the variant is
 * still made for the next request.
 */
export function produceVariant(siteCode: string, file: string, waitMs = 3_000): Promise<boolean> {
  const run = startProducing(siteCode, file);
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), waitMs); });
  return Promise.race([run, gaveUp]).finally(() => clearTimeout(timer));
}

function startProducing(siteCode: string, file: string): Promise<boolean> {
  const producer = current;
  if (!producer) return Promise.resolve(false);
  const key = `${siteCode}\u0000${file}`;
  const running = inFlight.get(key);
  if (running) return running;
  const run = producer(siteCode, file).catch(() => false).finally(() => inFlight.delete(key));
  inFlight.set(key, run);
  return run;
}

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

/** True when the variant now exists in the store; concurrent requests for one page share the work. */
export function produceVariant(siteCode: string, file: string): Promise<boolean> {
  const producer = current;
  if (!producer) return Promise.resolve(false);
  const key = `${siteCode}\u0000${file}`;
  const running = inFlight.get(key);
  if (running) return running;
  const run = producer(siteCode, file).catch(() => false).finally(() => inFlight.delete(key));
  inFlight.set(key, run);
  return run;
}

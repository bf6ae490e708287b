/**
 * Pages of a public site that are made per request rather than stored (the site search page):
 * registered by the module that makes them; answered with the public headers, never cached
 * publicly. They read only published data (the search index), like everything delivery serves.
 */
/** Null: the page does not exist on this site now; the request is answered like any path the site does not have. */
export type DynamicPage = (q: { siteCode: string; query: URLSearchParams }) => Promise<{ status: number; html: string } | null>;

const pages = new Map<string, DynamicPage>();

export function registerDynamicPage(path: string, page: DynamicPage): () => void {
  pages.set(path, page);
  return () => { if (pages.get(path) === page) pages.delete(path); };
}

export function dynamicPage(path: string): DynamicPage | undefined {
  return pages.get(path);
}

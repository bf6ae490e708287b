/** Names carrying their content's digest (`site.3f9a0c1d.css`): they never change, so caches may keep them for a year. */
const FINGERPRINTED = /\.[0-9a-f]{8,64}\.[A-Za-z0-9]+$/;
const PAGE_TYPES = /^(text\/html|application\/(xml|rss\+xml|atom\+xml|json)|text\/plain)/;

/** Pages change whenever something is published: caches keep them a minute. Other files ten minutes. */
export function cacheControlFor(file: string, type: string, status: number): string {
  if (status !== 200) return 'public, max-age=60';
  if (FINGERPRINTED.test(file)) return 'public, max-age=31536000, immutable';
  if (PAGE_TYPES.test(type)) return 'public, max-age=60';
  return 'public, max-age=600';
}

import { isoTime, xmlEscape } from './format.js';

export interface FeedItem {
  readonly title: string;
  readonly url: string;
  readonly publishedAt: number;
  readonly summary: string;
}

export interface FeedInfo {
  readonly title: string;
  readonly siteUrl: string;
  /** Absolute URL of the page the feed describes (site home or column). */
  readonly link: string;
  readonly selfUrl: string;
  readonly description: string;
  /** Time of the newest item (0 when empty): feeds carry no render time, so they are deterministic. */
  readonly updatedAt: number;
}

function rfc822(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** RSS 2.0 (https://www.rssboard.org/rss-specification). */
export function rssXml(feed: FeedInfo, items: readonly FeedItem[]): string {
  const entries = items.map((i) => [
    '<item>',
    `<title>${xmlEscape(i.title)}</title>`,
    `<link>${xmlEscape(i.url)}</link>`,
    `<guid isPermaLink="true">${xmlEscape(i.url)}</guid>`,
    `<pubDate>${rfc822(i.publishedAt)}</pubDate>`,
    i.summary ? `<description>${xmlEscape(i.summary)}</description>` : '',
    '</item>',
  ].join('')).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xmlEscape(feed.title)}</title>
<link>${xmlEscape(feed.link)}</link>
<description>${xmlEscape(feed.description || feed.title)}</description>
<language>zh-cn</language>
<atom:link href="${xmlEscape(feed.selfUrl)}" rel="self" type="application/rss+xml"/>
${feed.updatedAt ? `<lastBuildDate>${rfc822(feed.updatedAt)}</lastBuildDate>\n` : ''}${entries}
</channel>
</rss>
`;
}

/** Atom 1.0 (RFC 4287). */
export function atomXml(feed: FeedInfo, items: readonly FeedItem[]): string {
  const entries = items.map((i) => [
    '<entry>',
    `<title>${xmlEscape(i.title)}</title>`,
    `<link href="${xmlEscape(i.url)}"/>`,
    `<id>${xmlEscape(i.url)}</id>`,
    `<updated>${isoTime(i.publishedAt)}</updated>`,
    `<published>${isoTime(i.publishedAt)}</published>`,
    i.summary ? `<summary>${xmlEscape(i.summary)}</summary>` : '',
    '</entry>',
  ].join('')).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<title>${xmlEscape(feed.title)}</title>
<id>${xmlEscape(feed.selfUrl)}</id>
<link href="${xmlEscape(feed.link)}"/>
<link rel="self" href="${xmlEscape(feed.selfUrl)}"/>
<updated>${isoTime(feed.updatedAt || 0)}</updated>
<author><name>${xmlEscape(feed.title)}</name></author>
${entries}
</feed>
`;
}

/** sitemaps.org 0.9 urlset (≤ 50,000 URLs per file; chunks are per month, far below that). */
export function sitemapUrlset(urls: readonly { loc: string; lastmod?: number }[]): string {
  const body = urls.map((u) => `<url><loc>${xmlEscape(u.loc)}</loc>${u.lastmod !== undefined ? `<lastmod>${isoTime(u.lastmod)}</lastmod>` : ''}</url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${body}
</urlset>
`;
}

export function sitemapIndex(maps: readonly { loc: string; lastmod?: number }[]): string {
  const body = maps.map((m) => `<sitemap><loc>${xmlEscape(m.loc)}</loc>${m.lastmod !== undefined ? `<lastmod>${isoTime(m.lastmod)}</lastmod>` : ''}</sitemap>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${body}
</sitemapindex>
`;
}

export function robotsTxt(siteUrl: string): string {
  return `User-agent: *\nAllow: /\nDisallow: /search.html\n\nSitemap: ${siteUrl}/sitemap.xml\n`;
}

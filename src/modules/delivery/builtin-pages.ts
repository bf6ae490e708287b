/**
 * Minimal pages for when a site has none of its own: no 404 page published yet, a manifest that
 * does not verify, a request that cannot be read. Chinese first, English second; no outside assets.
 */
function page(title: string, lines: readonly string[], home: { href: string; text: string } | null = { href: '/', text: '返回首页' }): Buffer {
  return Buffer.from(`<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222;line-height:1.7}h1{font-size:1.5rem}p{color:#555}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${lines.map((l) => `<p>${l}</p>`).join('\n')}
${home ? `<p><a href="${home.href}">${home.text}</a></p>` : ''}
</main>
</body>
</html>
`);
}

export const BUILTIN_PAGES = {
  404: page('页面不存在', ['您访问的页面不存在，可能已被移动或删除。', 'The page you asked for does not exist.']),
  400: page('请求有误', ['请求的地址无法识别，请检查后重试。', 'The address could not be read.']),
  429: page('访问过于频繁', ['您的访问过于频繁，请稍后再试。', 'Too many requests from your address; please try again shortly.']),
  503: page('页面暂时无法访问', ['网站正在维护，请稍后再试。', 'This page is temporarily unavailable. Please try again later.']),
} as const;

export const BUILTIN_TYPE = 'text/html; charset=utf-8';

/** Text for HTML (site names come from the registry, typed by staff). */
function htmlText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * What a site that is not open answers at every public address (pages, feeds, search, forms):
 * being set up (建设中) and temporarily offline (临时下线) are 503, closed (关停) is 410 with a
 * link to the provincial portal. The notice names the site, so a visitor knows they came to the
 * right address. NORMS: a site goes public only once opened, and an offline site says so.
 */
export function siteStatusPage(status: 'building' | 'offline' | 'closed', siteName: string, portal: { name: string; origin: string } | null): { status: 410 | 503; body: Buffer } {
  const name = htmlText(siteName);
  if (status === 'closed') {
    // Without an open portal there is nowhere to send visitors: this site's home is the notice again.
    const home = portal ? { href: htmlText(portal.origin), text: `访问${htmlText(portal.name)}` } : null;
    return { status: 410, body: page(`${name}已关闭`, ['本网站已关闭，不再提供服务。相关内容请到上级门户网站查询。', 'This website has closed.'], home) };
  }
  if (status === 'offline') return { status: 503, body: page(`${name}临时下线维护中`, ['本网站正在临时下线维护，恢复后即可访问。', 'This website is temporarily offline for maintenance.'], null) };
  return { status: 503, body: page(`${name}正在建设中`, ['本网站尚未开通，敬请期待。', 'This website is being set up and is not open yet.'], null) };
}

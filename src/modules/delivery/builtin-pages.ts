/**
 * Minimal pages for when a site has none of its own: no 404 page published yet, a manifest that
 * does not verify, a request that cannot be read. Chinese first, English second; no outside assets.
 */
function page(title: string, lines: readonly string[]): Buffer {
  return Buffer.from(`<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#222;line-height:1.7}h1{font-size:1.5rem}p{color:#555}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${lines.map((l) => `<p>${l}</p>`).join('\n')}
<p><a href="/">返回首页</a></p>
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

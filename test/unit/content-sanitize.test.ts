import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BodyTooDeepError, bodyText, MAX_BODY_NESTING, sanitizeBody } from '../../src/modules/content/body/sanitize-body.js';

/** XSS vectors in the style of the OWASP XSS Filter Evasion Cheat Sheet. */
const XSS_CORPUS: readonly string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  '<IMG SRC=javascript:alert(&quot;XSS&quot;)>',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<IMG SRC="jav&#x09;ascript:alert(1);">',
  '<IMG SRC="jav&#x0A;ascript:alert(1);">',
  '<IMG SRC=" &#14;  javascript:alert(1);">',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>',
  '<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="javascript&colon;alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="https://evil.example/x.swf">',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<p style="background-image:url(javascript:alert(1))">x</p>',
  '<p style="behavior:url(xss.htc);text-align:center">x</p>',
  '<div style="width:expression(alert(1))">x</div>',
  '<body onload=alert(1)>',
  '<input onfocus=alert(1) autofocus>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
  '<a href="#" onmouseover="alert(1)">x</a>',
  '<img src="//evil.example/x.png">',
  '<<script>alert(1);//<</script>',
  '<img """><script>alert(1)</script>">',
  '<a href="https://ok.gov.cn" target="_blank" onclick="alert(1)">ok</a>',
  '<!--<script>alert(1)</script>-->',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<template><script>alert(1)</script></template>',
];

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  p: ['style'], h2: ['style'], h3: ['style'], h4: ['style'], span: ['style'], strong: [], em: [], u: [], s: [], sub: [], sup: [], ul: [], ol: [], li: [],
  table: [], thead: [], tbody: [], tr: [], th: ['colspan', 'rowspan', 'style'], td: ['colspan', 'rowspan', 'style'], blockquote: [],
  a: ['href', 'title', 'rel'], img: ['src', 'alt', 'width', 'height'], br: [], hr: [],
};

function decode(v: string): string {
  return v.replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Fails when sanitized output holds anything that could run: a tag or attribute off the list, or a bad URL or style. */
function assertInert(html: string, input: string): void {
  const where = `${input} → ${html}`;
  const withoutTags = html.replace(/<\/?([a-z0-9]+)((?:\s+[a-z-]+="[^"]*")*)\s*\/?>/g, (_m, tag: string, attrs: string) => {
    const allowed = ALLOWED[tag];
    assert.ok(allowed, `tag <${tag}> is not on the allow-list: ${where}`);
    for (const [, name = '', raw = ''] of attrs.matchAll(/([a-z-]+)="([^"]*)"/g)) {
      assert.ok(allowed.includes(name), `attribute ${name} on <${tag}>: ${where}`);
      const value = decode(raw).replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (name === 'href') assert.match(value, /^(https?:|mailto:|[^:]*$)/, `href ${raw}: ${where}`);
      if (name === 'src') assert.match(value, /^(https?:\/\/|\/(?!\/)|[^:/][^:]*$)/, `src ${raw}: ${where}`);
      if (name === 'style') assert.match(value, /^text-align:(left|right|center|justify);?$/, `style ${raw}: ${where}`);
      if (name === 'rel') assert.equal(raw, 'noopener noreferrer');
    }
    return '';
  });
  // What is left is text: it must not contain markup.
  assert.ok(!/[<>]/.test(withoutTags), `raw markup left in text: ${where}`);
  // Text may mention "javascript:" harmlessly: only markup can run, and markup was checked above.
}

describe('rich text sanitizer (allow-list)', () => {
  test(`the XSS corpus (${XSS_CORPUS.length} payloads) comes out inert`, () => {
    assert.ok(XSS_CORPUS.length >= 30);
    for (const payload of XSS_CORPUS) assertInert(sanitizeBody(payload), payload);
  });

  test('specific payloads lose exactly the dangerous part', () => {
    assert.equal(sanitizeBody('<p onclick="x()">段落</p>'), '<p>段落</p>');
    assert.equal(sanitizeBody('<a href="jav&#x09;ascript:alert(1)">链接</a>'), '<a rel="noopener noreferrer">链接</a>');
    assert.equal(sanitizeBody('<a href="https://www.gov.cn/" title="中国政府网" target="_blank">链接</a>'), '<a href="https://www.gov.cn/" title="中国政府网" rel="noopener noreferrer">链接</a>');
    assert.equal(sanitizeBody('<a href="mailto:ban@js.gov.cn">邮件</a>'), '<a href="mailto:ban@js.gov.cn" rel="noopener noreferrer">邮件</a>');
    assert.equal(sanitizeBody('<img src="data:image/png;base64,AAAA" alt="x">'), '');
    assert.equal(sanitizeBody('<img src="/files/a.png" alt="图" width="300" height="200px">'), '<img src="/files/a.png" alt="图" width="300" />');
    assert.equal(sanitizeBody('<p style="text-align:center;color:red">居中</p>'), '<p style="text-align:center">居中</p>');
    assert.equal(sanitizeBody('<table><tr><td colspan="2" rowspan="x" onclick="y">格</td></tr></table>'), '<table><tr><td colspan="2">格</td></tr></table>');
    assert.equal(sanitizeBody('<script>alert(1)</script>正文'), '正文');
    assert.equal(sanitizeBody('<h1>大标题</h1><b>粗</b><i>斜</i>'), '<h2>大标题</h2><strong>粗</strong><em>斜</em>');
  });

  test('HTML pasted from Word comes out clean: no mso classes or styles, no <o:p>, no Office XML, text kept', () => {
    const word = [
      '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">',
      '<head><meta name=ProgId content=Word.Document><title>文档</title>',
      '<!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View><w:Zoom>100</w:Zoom></w:WordDocument></xml><![endif]-->',
      '<style>p.MsoNormal{mso-style-parent:"";margin:0cm;font-size:10.5pt;font-family:等线}</style></head>',
      '<body lang=ZH-CN style="tab-interval:21.0pt">',
      '<p class=MsoNormal align=center style="text-align:center;mso-line-height-rule:exactly"><b><span style="font-size:22.0pt;font-family:方正小标宋简体;mso-hansi-font-family:宋体">关于印发某某办法的通知<span lang=EN-US><o:p></o:p></span></span></b></p>',
      '<p class=MsoListParagraph style="margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1"><![if !supportLists]><span lang=EN-US>1.<span style="font:7.0pt \'Times New Roman\'">&nbsp;&nbsp;</span></span><![endif]><span style="font-family:仿宋_GB2312">各市、县（市、区）人民政府<o:p></o:p></span></p>',
      '<table class=MsoTableGrid border=1 style="border-collapse:collapse;mso-yfti-tbllook:1184"><tr style="mso-yfti-irow:0"><td width=284 valign=top style="width:213.05pt;border:solid windowtext 1.0pt"><p class=MsoNormal><span>单元格<o:p></o:p></span></p></td></tr></table>',
      '<p class=MsoNormal><span lang=EN-US style="mso-bidi-font-family:Calibri"><o:p>&nbsp;</o:p></span></p>',
      '</body></html>',
    ].join('');
    const out = sanitizeBody(word);
    assert.doesNotMatch(out, /mso-|class=|<o:p|<\/o:p|<xml|<w:|<style|font-family|font-size|MsoNormal|Print|lang=|align=|width=|border=/i);
    assert.doesNotMatch(out, /<!--|\[if/);
    assert.match(out, /<p style="text-align:center"><strong><span>关于印发某某办法的通知<span><\/span><\/span><\/strong><\/p>/);
    assert.match(out, /各市、县（市、区）人民政府/);
    assert.match(out, /<table><tr><td><p><span>单元格<\/span><\/p><\/td><\/tr><\/table>/);
    assertInert(out, 'word paste');
    assert.equal(bodyText(out).split('\n')[0], '关于印发某某办法的通知');
  });

  test(`nesting: ${MAX_BODY_NESTING} levels are kept, the next one is refused at once, counted as the parser counts`, () => {
    assert.equal(sanitizeBody(`${'<b>'.repeat(MAX_BODY_NESTING)}深`), `${'<strong>'.repeat(MAX_BODY_NESTING)}深${'</strong>'.repeat(MAX_BODY_NESTING)}`);
    assert.throws(() => sanitizeBody(`${'<b>'.repeat(MAX_BODY_NESTING + 1)}深`), BodyTooDeepError);
    assert.throws(() => sanitizeBody(`<p>${'<span>'.repeat(MAX_BODY_NESTING)}x`), BodyTooDeepError);
    // Closed elements, void elements and implied closes (an open <p> or <li> ends at the next) add no depth.
    assert.doesNotThrow(() => sanitizeBody('<b>x</b>'.repeat(10_000)));
    assert.doesNotThrow(() => sanitizeBody(`${'<p>段<br><img src="/a.png">'.repeat(5_000)}${'<ul>'.repeat(50)}${'<li>项'.repeat(5_000)}`));
    // 200,000 unclosed <b> took 20 s before: now refused after 101 of them.
    const start = performance.now();
    assert.throws(() => sanitizeBody('<b>'.repeat(200_000)), BodyTooDeepError);
    assert.ok(performance.now() - start < 100, `${(performance.now() - start).toFixed(1)} ms`);
  });

  test('a 1 MB body with tables and many paragraphs sanitizes in well under a second', () => {
    const row = `<tr>${'<td colspan="1" style="text-align:center"><p><span style="font-family:仿宋">12,345.67</span></p></td>'.repeat(5)}</tr>`;
    const block = `<h2 style="text-align:center">第一章 总则</h2><p style="text-indent:2em">为进一步加强和改进政府网站建设管理，结合我省实际，提出如下意见。<b>重点</b>见<a href="https://www.jiangsu.gov.cn/art/1.html">附件</a>。</p><table border="1"><tbody>${row.repeat(8)}</tbody></table><ul><li><p>第一项&nbsp;落实&amp;责任</p></li><li><p>第二项</p></li></ul><div class="MsoNormal"><font face="宋体">Word 段落<o:p></o:p></font></div>`;
    const html = block.repeat(Math.ceil(1_000_000 / block.length));
    assert.ok(html.length >= 1_000_000);
    const start = performance.now();
    const out = sanitizeBody(html);
    const ms = performance.now() - start;
    assert.match(out, /^<h2 style="text-align:center">第一章 总则<\/h2>/);
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  });

  test('plain text for the diff: one line per block, entities decoded', () => {
    assert.equal(bodyText('<p>一 &amp; 二 &lt;三&gt;</p><p>四<br />五</p><ul><li>甲</li><li>乙</li></ul>'), '一 & 二 <三>\n四\n五\n甲\n乙');
  });
});

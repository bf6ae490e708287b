import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { htmlToPlainText, parseBodyHtml } from '../../src/modules/checks/index.js';

describe('htmlToPlainText: the text check offsets point into', () => {
  it('turns block elements into lines and keeps inline elements in the line', () => {
    assert.equal(htmlToPlainText('<p>第一段<b>加粗</b>文字</p><p>第二段</p>'), '第一段加粗文字\n第二段');
    assert.equal(htmlToPlainText('<h2>标题</h2><ul><li>一</li><li>二</li></ul>'), '标题\n一\n二');
    assert.equal(htmlToPlainText('<div><div><p>深</p></div></div>尾'), '深\n尾');
  });

  it('makes <br> a line break and folds white space like a browser', () => {
    assert.equal(htmlToPlainText('a<br>b <br> c'), 'a\nb\nc');
    assert.equal(htmlToPlainText('<p>\n   多个   空格\n\t换行 </p>'), '多个 空格 换行');
    assert.equal(htmlToPlainText('<pre>  保留\n  空白</pre>'), '  保留\n  空白');
  });

  it('decodes character references, keeping unknown ones as written', () => {
    assert.equal(htmlToPlainText('A&amp;B &lt;x&gt; &#31192;&#x5BC6;&#x2605; &nbsp;|&unknown; &amp'), 'A&B <x> 秘密★ \u00a0|&unknown; &amp');
  });

  it('separates table cells so numbers in neighbouring cells never join', () => {
    assert.equal(htmlToPlainText('<table><tr><td>138</td><td>0013</td></tr><tr><td>8000</td></tr></table>'), '138\t0013\n8000');
  });

  it('drops comments, scripts, styles and their content', () => {
    assert.equal(htmlToPlainText('<!-- 机密 --><script>var a="<p>x</p>";</script><style>p{}</style><p>正文</p>'), '正文');
  });

  it('leaves a lone "<" that starts no tag as text', () => {
    assert.equal(htmlToPlainText('<p>1 < 2，3 <4</p>'), '1 < 2，3 <4');
  });

  it('reports links and images at their positions in the text', () => {
    const parsed = parseBodyHtml('<p>见<a href="https://x.gov.cn/a?b=1&amp;c=2">通知</a>。<img src="p.png" alt="">末</p>');
    assert.equal(parsed.text, '见通知。末');
    const [a, img] = parsed.links;
    assert.deepEqual(a, { url: 'https://x.gov.cn/a?b=1&c=2', tag: 'a', start: 1, end: 3 });
    assert.equal(parsed.text.slice(a!.start, a!.end), '通知');
    assert.equal(img?.tag, 'img');
    assert.deepEqual(parsed.images, [{ src: 'p.png', alt: '', at: 4 }]);
  });

  it('reads attributes with single quotes, no quotes and ">" inside quotes', () => {
    const parsed = parseBodyHtml(`<a title="a>b" href='https://a.gov.cn/'>甲</a><a href=https://b.gov.cn/x>乙</a>`);
    assert.deepEqual(parsed.links.map((l) => l.url), ['https://a.gov.cn/', 'https://b.gov.cn/x']);
    assert.equal(parsed.text, '甲乙');
  });
});

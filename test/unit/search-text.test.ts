import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  anonymizeQuery, escapeHtml, exactKeyOf, highlightSnippet, highlightTitle, parseQuery, searchPageModel, segment, segmentEntry, SegmentWorker,
  type SearchEntry, type SearchResult,
} from '../../src/modules/search/index.js';
import { dayRange, groupOfKey, keyRange, MAX_KEY, searchKey, shanghaiDay } from '../../src/modules/search/search-key.js';
import { fts5Expression } from '../../src/modules/search/dialect/sqlite-search.js';
import { tsqueryLiteral, tsvectorBinary } from '../../src/modules/search/dialect/postgres-search.js';

/** tsvectorrecv's reading of a binary tsvector: lexeme → positions as `<pos><weight>`. */
function readTsvector(buf: Buffer): [string, string[]][] {
  const out: [string, string[]][] = [];
  let at = 4;
  for (let i = 0; i < buf.readInt32BE(0); i++) {
    const end = buf.indexOf(0, at);
    const lexeme = buf.toString('utf8', at, end);
    at = end + 1;
    const n = buf.readUInt16BE(at);
    at += 2;
    const list: string[] = [];
    for (let j = 0; j < n; j++, at += 2) {
      const p = buf.readUInt16BE(at);
      list.push(`${p & 0x3fff}${'DCBA'[p >> 14]}`);
    }
    out.push([lexeme, list]);
  }
  assert.equal(at, buf.length, 'nothing after the last lexeme');
  return out;
}

const entry = (over: Partial<SearchEntry>): SearchEntry => ({
  documentId: 1, siteId: 1, columnId: 1, extraSiteIds: [], extraColumnIds: [], kind: 'article', title: '', bodyText: '', summary: '', keywords: '',
  indexNumber: null, documentNumber: null, topicCategory: null, genre: null, issuingOrgName: '', publishedAt: 0, url: '/', ...over,
});

describe('search: segmentation', () => {
  it('search mode emits the parts of a long word and the word; normalization folds width and case', () => {
    assert.deepEqual(segment('中华人民共和国'), ['中华', '华人', '人民', '共和', '共和国', '中华人民共和国']);
    assert.deepEqual(segment('ＡＢＣ２０２６年'), ['abc2026', '年']);
    assert.deepEqual(segment('“社保”！😀 * : AND'), ['社保', 'and']);
    const words = segment('江苏政务服务网一网通办');
    for (const w of ['政务', '服务', '政务服务网', '一网通办']) assert.ok(words.includes(w), `${w} in ${words.join(' ')}`);
  });

  it('the worker thread segments exactly as this thread does', async () => {
    const texts = ['全省政务服务一网通办', '社保卡申领：ＡＢＣ２０２６', '😀 emoji 与 mixed Ελληνικά', '', '   ', '苏政办发〔2017〕96号', 'covid-19 防控', '长'.repeat(3000),
      'Zero\u200bWidth\u2028社保\u0007ＧＯＶ Upper'];
    const entries = texts.map((t, i) => entry({ documentId: i + 1, title: t, bodyText: texts[(i + 1) % texts.length]!, summary: t.slice(0, 5), keywords: '社保卡,营商环境', documentNumber: i % 2 ? '苏政办发〔2017〕96号' : null }));
    const worker = SegmentWorker.start();
    try {
      assert.deepEqual(await worker.segment(entries), entries.map(segmentEntry));
    } finally {
      await worker.stop();
    }
  });
});

describe('search: reading queries', () => {
  it('quotes make phrases; operators and syntax are words or nothing', () => {
    assert.deepEqual(parseQuery('"政务服务" 社保').clauses, [{ tokens: ['政务', '服务'], phrase: true }, { tokens: ['社保'], phrase: false }]);
    assert.deepEqual(parseQuery('"营商环境"').clauses, [{ tokens: ['营商环境'], phrase: false }], 'a phrase that is one word is that word');
    assert.deepEqual(parseQuery('社保 AND 医保').clauses.map((c) => c.tokens), [['社保'], ['医保']]);
    assert.deepEqual(parseQuery('养老金').clauses.map((c) => c.tokens), [['养老金']], 'the parts of a word are implied by it');
    assert.deepEqual(parseQuery('2024 20').clauses.map((c) => c.tokens), [['2024'], ['20']], 'a substring that is not a segment of the word stays');
    assert.deepEqual(parseQuery('* : " ( )').clauses, []);
    assert.deepEqual(parseQuery('的').clauses, [{ tokens: ['的'], phrase: false }], 'a stop word alone is still searched');
    assert.deepEqual(parseQuery('"社保').clauses, [{ tokens: ['社保'], phrase: false }], 'an unmatched quote is ignored');
  });

  it('index numbers and 文号 are recognised, brackets and zeros normalized', () => {
    assert.deepEqual(exactKeyOf(' 000014349/2026-00001 '), { field: 'index_number', value: '000014349/2026-00001' });
    assert.deepEqual(exactKeyOf('11320000014349ab2x/2026-00001'), { field: 'index_number', value: '11320000014349AB2X/2026-00001' });
    assert.deepEqual(exactKeyOf('苏政办发（2017）096号'), { field: 'document_number', value: '苏政办发〔2017〕96号' });
    assert.equal(exactKeyOf('苏政办发2017年96号'), null);
    assert.equal(exactKeyOf('社保'), null);
  });

  it('whatever is typed, the engine queries stay well-formed: every token quoted, quotes doubled', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), (a, b) => {
      const parsed = parseQuery(`${a} "${b}"`);
      if (parsed.clauses.length === 0) return;
      const fts = fts5Expression({ clauses: parsed.clauses, scope: 'all', tags: ['site1'] });
      // Outside the quoted strings only our own syntax remains.
      const outside = fts.replace(/"(?:[^"]|"")*"/g, '""');
      assert.match(outside, /^((\{title body meta\} : )?"" AND )+\{tags\} : \(""\)$/);
      const tsq = tsqueryLiteral({ clauses: parsed.clauses, scope: 'all', tags: ['site1'] });
      assert.match(tsq.replace(/'(?:[^'\\]|''|\\.)*'/g, "''"), /^(''|\(''( <-> '')+\))( & (''|\(''( <-> '')+\)))*$/);
      assert.ok(tsq.endsWith(" & 'tag site1'"), 'filter lexemes carry a space no typed word has');
    }), { numRuns: 300 });
  });

  it('FTS5: only a word shaped like a filter token is kept out of the tags column', () => {
    const clauses = parseQuery('社保 site12 grp0').clauses;
    assert.equal(fts5Expression({ clauses, scope: 'all', tags: ['site3'] }), '"社保" AND {title body meta} : "site12" AND {title body meta} : "grp0" AND {tags} : ("site3")');
    assert.equal(fts5Expression({ clauses: parseQuery('"政务 服务"').clauses, scope: 'title', tags: [] }), '"政务 服务"');
  });

  it('binary tsvectors: each lexeme once, with its ascending positions; fields apart; the server\'s limits applied', () => {
    // In the server's order, so it need not sort (the contract suite compares with its own parse).
    assert.deepEqual(readTsvector(tsvectorBinary([['社保 卡 社保', 'A'], ["it's", 'B']])), [["it's", ['12B']], ['卡', ['2A']], ['社保', ['1A', '3A']]]);
    assert.deepEqual(readTsvector(tsvectorBinary([['a\\b  c', 'C']])), [['a\\b', ['1C']], ['c', ['3C']]], 'an empty token still takes its position');
    assert.deepEqual(readTsvector(tsvectorBinary([['site1', 'D', (t: string) => `tag ${t}`]])), [['tag site1', ['1D']]]);
    // UTF-16 order: outside the BMP it is not the server's (which then sorts them itself).
    assert.deepEqual(readTsvector(tsvectorBinary([['𠀀 Ａ é', 'B']])), [['é', ['3B']], ['𠀀', ['1B']], ['Ａ', ['2B']]], 'UTF-8 of one to four bytes');
    // Past position 16383 every occurrence is stored at 16383, once, with the highest weight there; 256 positions at most.
    const long = readTsvector(tsvectorBinary([['契税 '.repeat(17_000).trim(), 'B'], ['契税', 'A'], ['x'.repeat(2_001), 'C']]));
    assert.equal(long.length, 1, 'a lexeme over 2,000 bytes is left out');
    assert.equal(long[0]![1].length, 256);
    assert.deepEqual(long[0]![1].slice(0, 2), ['1B', '2B']);
    const x256 = Array.from({ length: 256 }, (_, i) => `${i + 1}B`);
    assert.deepEqual(readTsvector(tsvectorBinary([[`${'x '.repeat(16_390)}契税`, 'B'], ['契税', 'A']])), [['x', x256], ['契税', ['16383A']]]);
  });

  it('binary tsvectors list BMP lexemes in the byte order of their UTF-8, as tsvectorrecv checks them', () => {
    const alphabet = ['社', '保', '卡', 'a', 'B', 'é', 'Ａ', '\'', '0', 'ü', '一', '龥', '～'];
    let seed = 7;
    const pick = () => { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; return alphabet[seed % alphabet.length]!; };
    for (let round = 0; round < 50; round++) {
      const tokens = Array.from({ length: 40 }, () => Array.from({ length: 1 + (round % 4) }, pick).join(''));
      const lexemes = readTsvector(tsvectorBinary([[tokens.join(' '), 'B']])).map(([l]) => Buffer.from(l));
      assert.equal(lexemes.length, new Set(tokens).size);
      for (let i = 1; i < lexemes.length; i++) assert.ok(Buffer.compare(lexemes[i - 1]!, lexemes[i]!) < 0, `${lexemes[i - 1]} before ${lexemes[i]}`);
    }
  });
});

describe('search: highlighting', () => {
  it('marks on the original text, escaped', () => {
    assert.equal(highlightTitle('<b>社保</b>卡 ＡＢＣ', ['社保', 'abc']), '&lt;b&gt;<mark>社保</mark>&lt;/b&gt;卡 <mark>ＡＢＣ</mark>');
    assert.equal(highlightTitle('中华人民共和国', ['中华', '中华人民共和国']), '<mark>中华人民共和国</mark>', 'the longer match wins');
    assert.equal(escapeHtml(`&<>"'`), '&amp;&lt;&gt;&quot;&#39;');
  });

  it('a snippet centres on the matches and never cuts a character in two', () => {
    const body = `${'前文'.repeat(200)}办理社保卡需要身份证${'后文'.repeat(200)}`;
    const s = highlightSnippet(body, ['社保卡']);
    assert.match(s, /^….*<mark>社保卡<\/mark>.*…$/);
    assert.ok(s.length < 200);
    const emoji = highlightSnippet('😀'.repeat(300), ['x'], 11);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(emoji), 'no lone surrogate');
  });
});

describe('search: keys and dates', () => {
  it('newest first across groups, the group in the low bits; ranges follow Beijing days', () => {
    const a = searchKey('policy', Date.UTC(2026, 0, 1), 7);
    const b = searchKey('news', Date.UTC(2026, 0, 2), 3);
    assert.ok(a < b, 'later is higher, whatever the group');
    assert.equal(groupOfKey(a), 'policy');
    assert.equal(groupOfKey(b), 'news');
    const day = dayRange('2026-01-01', '2026-01-01');
    const range = keyRange(day.fromMs, day.toMs)!;
    assert.ok(a >= range.lo && a <= range.hi, 'UTC midnight is 08:00 in Beijing, inside that day');
    assert.ok(b > range.hi);
    assert.ok(searchKey('service', Date.UTC(2400, 0, 1), 2 ** 22 - 1) <= MAX_KEY);
    assert.equal(keyRange(Date.UTC(2026, 0, 2), Date.UTC(2026, 0, 1)), null);
    assert.equal(dayRange('2026-02-30', undefined).fromMs, null);
    assert.equal(shanghaiDay(Date.UTC(2026, 10, 20, 16, 30)), '2026-11-21');
  });
});

describe('search: the query log', () => {
  it('masks phone, ID card, bank card numbers and e-mail addresses', () => {
    assert.equal(anonymizeQuery('  社保   13800138000 '), '社保 ＊');
    assert.equal(anonymizeQuery('32010219900101123X 查询'), '＊ 查询');
    assert.equal(anonymizeQuery('6222020200112233445'), '＊');
    assert.equal(anonymizeQuery('联系 zhang.san@example.com'), '联系 ＊@＊');
    assert.equal(anonymizeQuery('苏政办发〔2017〕96号'), '苏政办发〔2017〕96号');
    assert.equal(anonymizeQuery('000014349/2026-00001'), '＊/2026-00001', 'a 9-digit organization code is masked too: harmless');
  });
});

describe('search: the public page model', () => {
  const result = (over: Partial<SearchResult>): SearchResult => ({
    mode: 'fulltext', total: 45, totalExact: true, page: 2, pageSize: 20, terms: ['社保'], groups: { news: 30, policy: 10, interpretation: 5, service: 0 },
    items: Array.from({ length: 20 }, (_, i) => ({
      documentId: i, title: `<mark>社保</mark>${i}`, snippet: '&lt;摘要&gt;', url: `/art/2026/11/${i}.html`, siteId: 1, columnId: 1, kind: 'article' as const,
      group: 'news' as const, publishedAt: Date.UTC(2026, 10, 20, 2, 0), indexNumber: null, documentNumber: null, issuingOrgName: '',
    })), ...over,
  });

  it('tabs with counts and links, hits with Beijing times, pager both ways', () => {
    const m = searchPageModel({ q: '社保 卡', sort: 'date', group: 'news', result: result({}), siteName: () => '江苏省人民政府' });
    assert.deepEqual(m.groups.map((g) => [g.name, g.count, g.current]), [['全部', '45', false], ['新闻', '30', true], ['政策', '10', false], ['解读', '5', false], ['服务', '0', false]]);
    assert.equal(m.groups[2]!.href, '/search.html?q=%E7%A4%BE%E4%BF%9D+%E5%8D%A1&sort=date&group=policy');
    assert.equal(m.results[0]!.publishedAt, '2026-11-20 10:00');
    assert.equal(m.results[0]!.titleHtml, '<mark>社保</mark>0');
    assert.equal(m.pager.newer, '/search.html?q=%E7%A4%BE%E4%BF%9D+%E5%8D%A1&sort=date&group=news');
    assert.equal(m.pager.older, '/search.html?q=%E7%A4%BE%E4%BF%9D+%E5%8D%A1&sort=date&group=news&page=3');
    assert.equal(m.message, '');
  });

  it('says why there is nothing: no words, no matches, a refused query', () => {
    assert.match(searchPageModel({ q: '😀', sort: 'relevance', result: result({ items: [], total: 0, terms: [] }), siteName: () => '' }).message, /标点和表情符号不参与搜索/);
    assert.match(searchPageModel({ q: '稀有', sort: 'relevance', result: result({ items: [], total: 0 }), siteName: () => '' }).message, /没有找到与“稀有”相关的信息/);
    assert.equal(searchPageModel({ q: 'x', sort: 'relevance', result: null, error: '日期无效', siteName: () => '' }).message, '日期无效');
    assert.equal(searchPageModel({ q: 'x', sort: 'relevance', result: result({ totalExact: false }), siteName: () => '' }).groups[0]!.count, '45+');
  });

  it('past the last page: says how many there are and leads back to the last page', () => {
    const m = searchPageModel({ q: '社保', sort: 'relevance', result: result({ items: [], page: 18 }), siteName: () => '' });
    assert.equal(m.message, '与“社保”相关的信息共 45 条，只有 3 页，请返回前面的页面查看。');
    assert.equal(m.pager.newer, '/search.html?q=%E7%A4%BE%E4%BF%9D&page=3');
    assert.equal(m.pager.older, null);
  });
});

/** One clause of a draft as the public page shows it, with its own comment form. */
export interface Clause {
  readonly clauseNo: number;
  /** 第一条, or 第1段 when the draft has no article headings. */
  readonly heading: string;
  readonly text: string;
}

/** 第一条, 第十二条, 第一百零三条, 第3条 at the start of a line (full-width spaces allowed before it). */
const ARTICLE = /^[ \t\u3000]*(第[一二三四五六七八九十百千零〇两0-9０-９]+条)[ \t\u3000]*/mu;
const ARTICLE_ALL = new RegExp(ARTICLE.source, 'gmu');

/**
 * Splits a draft into clauses. Chinese regulations and normative documents are written in
 * articles (第X条), and opinions are asked per article, so when the draft has such headings at
 * the start of lines each article is a clause (a 章/节 title line before an article stays with the
 * previous clause's text; text before the first article becomes clause “序言”). A draft without
 * articles (a plan, a notice) is split into paragraphs: blank-line separated, or one per line
 * when there are no blank lines.
 */
export function splitClauses(draft: string): Clause[] {
  const text = draft.replace(/\r\n?/g, '\n').trim();
  if (text === '') return [];
  const marks = [...text.matchAll(ARTICLE_ALL)];
  if (marks.length > 0) {
    const out: Clause[] = [];
    const preamble = text.slice(0, marks[0]!.index).trim();
    if (preamble !== '') out.push({ clauseNo: 1, heading: '序言', text: preamble });
    marks.forEach((m, i) => {
      const start = m.index + m[0].length;
      const end = i + 1 < marks.length ? marks[i + 1]!.index : text.length;
      out.push({ clauseNo: out.length + 1, heading: m[1]!, text: text.slice(start, end).trim() });
    });
    return out;
  }
  const blocks = /\n[ \t\u3000]*\n/.test(text) ? text.split(/\n[ \t\u3000]*\n/) : text.split('\n');
  return blocks.map((b) => b.trim()).filter((b) => b !== '').map((b, i) => ({ clauseNo: i + 1, heading: `第${i + 1}段`, text: b }));
}

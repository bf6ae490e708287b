import type { QueryClause } from '../parse-query.js';
import type { MatchSpec } from './search-dialect.js';

/** A filter token as a lexeme: with a space, so it can never be typed (segmentation splits on spaces). */
export const tagLexeme = (tag: string): string => `tag ${tag}`;

/** A lexeme as a tsquery literal operand: single-quoted, quotes and backslashes escaped; no input is ever syntax. */
export function quoteLexeme(token: string): string {
  return token.includes("'") || token.includes('\\') ? `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : `'${token}'`;
}

function clauseText(c: QueryClause): string {
  if (c.tokens.length === 1) return quoteLexeme(c.tokens[0]!);
  return `(${c.tokens.map(quoteLexeme).join(' <-> ')})`;
}

/** The tsquery literal: the user's clauses AND the filter lexemes (the scope picks the column, not a weight). */
export function tsqueryLiteral(m: MatchSpec): string {
  return [...m.clauses.map(clauseText), ...m.tags.map((t) => quoteLexeme(tagLexeme(t)))].join(' & ');
}

/** The tsquery's AND operands as lexemes (what tsqueryLiteral joins with `&`): each clause's tokens, then each filter lexeme. */
export function tsqueryOperands(m: MatchSpec): string[][] {
  return [...m.clauses.map((c) => [...c.tokens]), ...m.tags.map((t) => [tagLexeme(t)])];
}

/**
 * The tokens of Lucene's classic query grammar (QueryParser.jj, Lucene 4.6), in the
 * order the grammar declares them: when two token kinds match equally long input, the
 * earlier one wins. `NUMBER` exists only after `^`; the `RANGE_*` kinds only between
 * `[`/`{` and `]`/`}`.
 */
export const TOKEN_KINDS = [
  'EOF',
  'AND',
  'OR',
  'NOT',
  'PLUS',
  'MINUS',
  'BAREOPER',
  'LPAREN',
  'RPAREN',
  'COLON',
  'STAR',
  'CARAT',
  'QUOTED',
  'TERM',
  'FUZZY_SLOP',
  'PREFIXTERM',
  'WILDTERM',
  'REGEXPTERM',
  'RANGEIN_START',
  'RANGEEX_START',
  'NUMBER',
  'RANGE_TO',
  'RANGEIN_END',
  'RANGEEX_END',
  'RANGE_QUOTED',
  'RANGE_GOOP',
] as const;

export type TokenKind = (typeof TOKEN_KINDS)[number];

/** One lexed token: its kind, its text as written, and its UTF-16 offset in the query. */
export interface QueryToken {
  readonly kind: TokenKind;
  readonly image: string;
  readonly offset: number;
}

/** How Lucene's error messages name each kind (`tokenImage` in QueryParserConstants). */
export const TOKEN_IMAGES: Readonly<Record<TokenKind, string>> = {
  EOF: '<EOF>',
  AND: '<AND>',
  OR: '<OR>',
  NOT: '<NOT>',
  PLUS: '"+"',
  MINUS: '"-"',
  BAREOPER: '<BAREOPER>',
  LPAREN: '"("',
  RPAREN: '")"',
  COLON: '":"',
  STAR: '"*"',
  CARAT: '"^"',
  QUOTED: '<QUOTED>',
  TERM: '<TERM>',
  FUZZY_SLOP: '<FUZZY_SLOP>',
  PREFIXTERM: '<PREFIXTERM>',
  WILDTERM: '<WILDTERM>',
  REGEXPTERM: '<REGEXPTERM>',
  RANGEIN_START: '"["',
  RANGEEX_START: '"{"',
  NUMBER: '<NUMBER>',
  RANGE_TO: '"TO"',
  RANGEIN_END: '"]"',
  RANGEEX_END: '"}"',
  RANGE_QUOTED: '<RANGE_QUOTED>',
  RANGE_GOOP: '<RANGE_GOOP>',
};

/** Whitespace the grammar skips between tokens. */
export const isQueryWhitespace = (char: string): boolean =>
  char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\u3000';

/** Characters that cannot start a bare term (whitespace included) unless escaped. */
const NOT_TERM_START = new Set([' ', '\t', '\n', '\r', '\u3000', '+', '-', '!', '(', ')', ':', '^', '[', ']', '"', '{', '}', '~', '*', '?', '\\', '/']);

export const isTermStartChar = (char: string): boolean => !NOT_TERM_START.has(char);
/** Inside a term `+` and `-` are ordinary characters. */
export const isTermChar = (char: string): boolean => isTermStartChar(char) || char === '-' || char === '+';

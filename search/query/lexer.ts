import { cannotParse, lexicalError } from './errors.js';
import { isQueryWhitespace, isTermChar, isTermStartChar, TOKEN_KINDS, type QueryToken, type TokenKind } from './tokens.js';

/** The lexical states of the grammar: after `^` only a number may follow; ranges have their own tokens. */
type LexState = 'default' | 'boost' | 'range';

/** A token kind and how many UTF-16 units it would take. */
type Candidate = readonly [TokenKind, number];

const NEXT_STATE: Partial<Record<TokenKind, LexState>> = {
  CARAT: 'boost',
  NUMBER: 'default',
  RANGEIN_START: 'range',
  RANGEEX_START: 'range',
  RANGEIN_END: 'default',
  RANGEEX_END: 'default',
};

const SINGLE_CHAR: Readonly<Record<string, TokenKind>> = {
  '+': 'PLUS',
  '-': 'MINUS',
  '(': 'LPAREN',
  ')': 'RPAREN',
  ':': 'COLON',
  '*': 'STAR',
  '^': 'CARAT',
  '[': 'RANGEIN_START',
  '{': 'RANGEEX_START',
};

const DIGITS = /[0-9]+(?:\.[0-9]+)?/y;

/**
 * The query lexer: JavaCC's longest-match rule over the token definitions of Lucene's
 * QueryParser.jj, ties going to the kind declared first. Tokens are produced on demand,
 * so a lexical error surfaces only when the parser reaches it, as in Lucene.
 */
export class QueryLexer {
  private at = 0;
  private state: LexState = 'default';

  constructor(private readonly query: string) {}

  next(): QueryToken {
    const token = this.state === 'boost' ? this.lexBoost() : this.state === 'range' ? this.lexRange() : this.lexDefault();
    this.state = NEXT_STATE[token.kind] ?? this.state;
    return token;
  }

  private lexDefault(): QueryToken {
    while (this.at < this.query.length && isQueryWhitespace(this.query.charAt(this.at))) this.at++;
    if (this.at >= this.query.length) return this.eof();
    return this.emit(this.defaultCandidates());
  }

  private lexBoost(): QueryToken {
    if (this.at >= this.query.length) return this.eof();
    DIGITS.lastIndex = this.at;
    const number = DIGITS.exec(this.query);
    return this.emit(number === null ? [] : [['NUMBER', number[0].length]]);
  }

  private lexRange(): QueryToken {
    for (;;) {
      if (this.at >= this.query.length) return this.eof();
      const char = this.query.charAt(this.at);
      const candidates: Candidate[] = [];
      if (this.query.startsWith('TO', this.at)) candidates.push(['RANGE_TO', 2]);
      if (char === ']') candidates.push(['RANGEIN_END', 1]);
      if (char === '}') candidates.push(['RANGEEX_END', 1]);
      if (char === '"') candidates.push(['RANGE_QUOTED', this.delimitedLength('"', 1)]);
      candidates.push(['RANGE_GOOP', this.goopLength()]);
      const skip = isQueryWhitespace(char) && candidates.every(([, length]) => length <= 1);
      if (!skip) return this.emit(candidates);
      this.at++;
    }
  }

  private defaultCandidates(): Candidate[] {
    const { query, at } = this;
    const char = query.charAt(at);
    const candidates: Candidate[] = [];
    const literal = (kind: TokenKind, text: string): void => {
      if (query.startsWith(text, at)) candidates.push([kind, text.length]);
    };
    literal('AND', 'AND');
    literal('AND', '&&');
    literal('OR', 'OR');
    literal('OR', '||');
    literal('NOT', 'NOT');
    literal('NOT', '!');
    const single = SINGLE_CHAR[char];
    if (single !== undefined) candidates.push([single, 1]);
    if ('+-!'.includes(char) && at + 1 < query.length && isQueryWhitespace(query.charAt(at + 1))) candidates.push(['BAREOPER', 2]);
    if (char === '"') candidates.push(['QUOTED', this.quotedLength()]);
    const termLength = this.runLength(false);
    candidates.push(['TERM', termLength]);
    if (char === '~') candidates.push(['FUZZY_SLOP', 1 + this.slopDigits()]);
    if (char === '*') candidates.push(['PREFIXTERM', 1]);
    if (termLength > 0 && query.charAt(at + termLength) === '*') candidates.push(['PREFIXTERM', termLength + 1]);
    candidates.push(['WILDTERM', this.runLength(true)]);
    if (char === '/') candidates.push(['REGEXPTERM', this.delimitedLength('/', 0)]);
    return candidates;
  }

  /** Picks the longest candidate (the first declared on a tie), or reports a lexical error. */
  private emit(candidates: readonly Candidate[]): QueryToken {
    let best: Candidate | undefined;
    for (const candidate of candidates) {
      if (candidate[1] <= 0) continue;
      if (best === undefined || candidate[1] > best[1] || (candidate[1] === best[1] && rank(candidate[0]) < rank(best[0]))) best = candidate;
    }
    if (best === undefined) throw cannotParse(this.query, lexicalError(this.query, this.at, this.failedLength()));
    const token = { kind: best[0], image: this.query.slice(this.at, this.at + best[1]), offset: this.at };
    this.at += best[1];
    return token;
  }

  /** How far the lexer read before giving up: to the end for an unclosed quote, regexp or escape. */
  private failedLength(): number {
    const char = this.query.charAt(this.at);
    return this.state === 'default' && '"/\\'.includes(char) ? this.query.length : this.at + 1;
  }

  private eof(): QueryToken {
    return { kind: 'EOF', image: '', offset: this.query.length };
  }

  /** A bare term (`withWildcards` false) or a wildcard term: term characters and `\` escapes. */
  private runLength(withWildcards: boolean): number {
    const { query, at } = this;
    let end = at;
    for (;;) {
      const char = query.charAt(end);
      if (char === '\\' && end + 1 < query.length) end += 2;
      else if (end < query.length && (withWildcards && (char === '*' || char === '?'))) end++;
      else if (end < query.length && (end === at ? isTermStartChar(char) : isTermChar(char))) end++;
      else return end - at;
    }
  }

  /** `"..."` where `\` escapes any character; 0 when the quote is never closed. */
  private quotedLength(): number {
    const { query, at } = this;
    for (let end = at + 1; end < query.length; end++) {
      const char = query.charAt(end);
      if (char === '"') return end + 1 - at;
      if (char === '\\') end++;
    }
    return 0;
  }

  /**
   * A run between two `delimiter`s where a delimiter after a backslash may be content
   * (REGEXPTERM, RANGE_QUOTED): the longest such run, at least `minContent` long.
   */
  private delimitedLength(delimiter: string, minContent: number): number {
    const { query, at } = this;
    let best = 0;
    for (let end = at + 1; end < query.length; end++) {
      if (query.charAt(end) !== delimiter) continue;
      if (end - at - 1 >= minContent) best = end + 1 - at;
      const escaped = end - 1 > at && query.charAt(end - 1) === '\\';
      if (!escaped) break;
    }
    return best;
  }

  private slopDigits(): number {
    DIGITS.lastIndex = this.at + 1;
    return DIGITS.exec(this.query)?.[0].length ?? 0;
  }

  private goopLength(): number {
    let end = this.at;
    while (end < this.query.length && !' ]}'.includes(this.query.charAt(end))) end++;
    return end - this.at;
  }
}

function rank(kind: TokenKind): number {
  return TOKEN_KINDS.indexOf(kind);
}

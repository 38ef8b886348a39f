/**
 * What every analyzer produces. `position` is the token's place in the token stream
 * before any filter removed tokens, so a dropped stop word leaves a gap (Lucene 4.6
 * always keeps position increments); phrase queries with slop compare these positions.
 * `start`/`end` are UTF-16 offsets into the analysed text, for highlighting.
 */
export interface Token {
  readonly term: string;
  readonly position: number;
  readonly start?: number;
  readonly end?: number;
}

/** One analysis chain: text in, tokens out. */
export interface Analyzer {
  readonly name: string;
  analyze(text: string): Token[];
}

/** A step of an analysis chain after the tokenizer: it may rewrite or drop tokens. */
export type TokenFilter = (tokens: Token[]) => Token[];

/** Replaces each token's term, keeping its position and offsets. */
export function mapTerms(tokens: Token[], rewrite: (term: string) => string): Token[] {
  return tokens.map((token) => ({ ...token, term: rewrite(token.term) }));
}

/** Runs the filters in order over the tokenizer's output. */
export function chain(tokenize: (text: string) => Token[], ...filters: TokenFilter[]): (text: string) => Token[] {
  return (text) => filters.reduce((tokens, filter) => filter(tokens), tokenize(text));
}

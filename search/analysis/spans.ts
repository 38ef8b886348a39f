import type { Token } from './token.js';

/** A candidate token found by a tokenizer: its text and UTF-16 offsets. */
export interface Span {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Lucene's StandardTokenizer, ClassicTokenizer and UAX29URLEmailTokenizer skip a token
 * longer than this many UTF-16 units, but it still uses up a position.
 */
export const MAX_TOKEN_LENGTH = 255;

/** Numbers the spans 0, 1, 2, ... and drops the over-long ones (keeping their positions). */
export function spansToTokens(spans: readonly Span[]): Token[] {
  const tokens: Token[] = [];
  spans.forEach((span, position) => {
    if (span.text.length <= MAX_TOKEN_LENGTH) {
      tokens.push({ term: span.text, position, start: span.start, end: span.end });
    }
  });
  return tokens;
}

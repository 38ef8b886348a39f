import type { Span } from './spans.js';

/**
 * Lucene's CharTokenizer: a token is a maximal run of "token characters". A run longer
 * than the buffer is cut into pieces of at most this many UTF-16 units (not skipped).
 */
export const MAX_WORD_LENGTH = 255;

/** Java's `Character.isWhitespace`: separators except the no-break spaces, plus the ASCII controls it names. */
const JAVA_WHITESPACE = /[\t\n\u000b\f\r\u001c-\u001f \u1680\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]/u;
/** Java's `Character.isLetter`. */
const LETTER = /\p{L}/u;

export const isLetter = (char: string): boolean => LETTER.test(char);
export const isNotWhitespace = (char: string): boolean => !JAVA_WHITESPACE.test(char);

/** Splits `text` into runs of code points accepted by `isTokenChar`. */
export function charRunSpans(text: string, isTokenChar: (char: string) => boolean): Span[] {
  const spans: Span[] = [];
  let start = -1;
  let at = 0;
  const close = (end: number): void => {
    if (start >= 0) spans.push({ text: text.slice(start, end), start, end });
    start = -1;
  };
  for (const char of text) {
    if (!isTokenChar(char)) close(at);
    else {
      if (start < 0) start = at;
      if (at + char.length - start >= MAX_WORD_LENGTH) {
        close(at + char.length);
        at += char.length;
        continue;
      }
    }
    at += char.length;
  }
  close(at);
  return spans;
}

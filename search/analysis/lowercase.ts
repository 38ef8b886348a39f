import { mapTerms, type TokenFilter } from './token.js';

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * Lower-cases the way Lucene's LowerCaseFilter does: one code point at a time
 * (`Character.toLowerCase`), so there is no context-sensitive final sigma and a
 * code point never expands into several (`İ` becomes `i`, not `i̇`).
 */
export function lowerCaseCodePoints(text: string): string {
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  let out = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    out += lower.length === char.length ? lower : String.fromCodePoint(lower.codePointAt(0) ?? 0);
  }
  return out;
}

export const lowerCaseFilter: TokenFilter = (tokens) => mapTerms(tokens, lowerCaseCodePoints);

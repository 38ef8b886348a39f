import type { TokenFilter } from './token.js';

/**
 * The stop set of Lucene 4.6's StandardAnalyzer, ClassicAnalyzer, UAX29URLEmailAnalyzer
 * and EnglishAnalyzer (`StandardAnalyzer.STOP_WORDS_SET`).
 */
export const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'are', 'as', 'at', 'be', 'but', 'by', 'for', 'if', 'in', 'into', 'is', 'it', 'no',
  'not', 'of', 'on', 'or', 'such', 'that', 'the', 'their', 'then', 'there', 'these', 'they', 'this',
  'to', 'was', 'will', 'with',
]);

/**
 * Drops tokens whose term is in the set (case-sensitive: it runs after lower-casing).
 * Positions of the remaining tokens are kept, so the gap stays visible to phrases.
 */
export function stopFilter(stopWords: ReadonlySet<string>): TokenFilter {
  return (tokens) => tokens.filter((token) => !stopWords.has(token.term));
}

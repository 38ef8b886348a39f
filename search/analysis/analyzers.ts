import { foldToAscii } from './ascii-folding.js';
import { charRunSpans, isLetter, isNotWhitespace } from './char-tokenizer.js';
import { classicFilter, classicSpans } from './classic-tokenizer.js';
import { porterStemFilter, possessiveFilter } from './english.js';
import { lowerCaseFilter } from './lowercase.js';
import type { AnalyzerName } from './names.js';
import { MAX_TOKEN_LENGTH, spansToTokens, type Span } from './spans.js';
import { ENGLISH_STOP_WORDS, stopFilter } from './stopwords.js';
import { chain, mapTerms, type Analyzer, type Token } from './token.js';
import { urlEmailSpans } from './url-email.js';
import { wordSpans } from './word-break.js';

/** Builds one analysis chain; `stopWords` is ignored by the analyzers without a stop filter. */
type ChainBuilder = (stopWords: ReadonlySet<string>) => (text: string) => Token[];

const charRunTokens = (isTokenChar: (char: string) => boolean) => (text: string): Token[] =>
  charRunSpans(text, isTokenChar).map((span: Span, position) => ({ term: span.text, position, start: span.start, end: span.end }));

const standardTokens = (text: string): Token[] => spansToTokens(wordSpans(text));

const classicTokens = (text: string): Token[] =>
  spansToTokens(classicSpans(text).map((span) => (span.text.length > MAX_TOKEN_LENGTH ? span : classicFilter(span))));

/** The analysis chain of each Lucene 4.6 analyzer Clouseau names. */
const CHAINS: Record<AnalyzerName, ChainBuilder> = {
  standard: (stop) => chain(standardTokens, lowerCaseFilter, stopFilter(stop)),
  classic: (stop) => chain(classicTokens, lowerCaseFilter, stopFilter(stop)),
  email: (stop) => chain((text) => spansToTokens(urlEmailSpans(text)), lowerCaseFilter, stopFilter(stop)),
  english: (stop) => chain(standardTokens, possessiveFilter, lowerCaseFilter, stopFilter(stop), porterStemFilter),
  keyword: () => (text) => [{ term: text, position: 0, start: 0, end: text.length }],
  simple: () => chain(charRunTokens(isLetter), lowerCaseFilter),
  simple_asciifolding: () => chain(charRunTokens(isLetter), lowerCaseFilter, (tokens) => mapTerms(tokens, foldToAscii)),
  whitespace: () => charRunTokens(isNotWhitespace),
};

/**
 * The analyzer called `name`. `stopwords` replaces the English stop set of the analyzers
 * that have one (standard, classic, email, english) and is ignored by the others.
 */
export function namedAnalyzer(name: AnalyzerName, options: { stopwords?: readonly string[] } = {}): Analyzer {
  const stopWords = options.stopwords === undefined ? ENGLISH_STOP_WORDS : new Set(options.stopwords);
  return { name, analyze: CHAINS[name](stopWords) };
}

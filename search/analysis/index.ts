/**
 * Text analysis as Cloudant Search (Clouseau, Lucene 4.6) does it: the analyzers a
 * design document can name, their spec parser, and per-field dispatch.
 */
export type { Analyzer, Token } from './token.js';
export { ANALYZER_NAMES, type AnalyzerName, type PlainAnalyzerName, type StopwordAnalyzerName } from './names.js';
export { ENGLISH_STOP_WORDS } from './stopwords.js';
export { namedAnalyzer } from './analyzers.js';
export {
  DEFAULT_ANALYZER,
  parseAnalyzerSpec,
  type AnalyzerSpec,
  type PerFieldAnalyzerSpec,
  type SingleAnalyzerSpec,
} from './spec.js';
export { buildAnalyzer, KEYWORD_FIELDS, type FieldAnalyzer } from './field-analyzer.js';
export { lowerCaseCodePoints } from './lowercase.js';
export { analyzeText } from './analyze-text.js';

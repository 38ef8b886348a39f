/**
 * Lucene classic query syntax as Cloudant Search (Clouseau, Lucene 4.6) reads it:
 * `parseQuery` builds a syntax tree, `printQuery` writes one back, `analyzeQuery` turns
 * it into the executable `SearchQuery` using each field's analyzer.
 */
export type {
  BooleanClauseNode,
  BooleanNode,
  Conjunction,
  FuzzyNode,
  MatchAllNode,
  Modifier,
  PhraseNode,
  PrefixNode,
  QueryNode,
  QueryNodeKind,
  RangeNode,
  RegexpNode,
  TermNode,
  WildcardNode,
} from './ast.js';
export { CONJUNCTIONS, MODIFIERS } from './ast.js';
export { parseQuery, MAX_NESTING, type ParseQueryOptions } from './parser.js';
export { printQuery, type PrintQueryOptions } from './print.js';
export { OCCURS, resolveOccurs, type Occur } from './occur.js';
export { analyzeQuery, MAX_CLAUSE_COUNT, type AnalyzeQueryOptions, type QueryAnalyzer } from './analyze.js';
export { parseJavaDouble } from './java-double.js';
export { MAX_FUZZY_EDITS } from './term-nodes.js';
export type {
  BooleanClause,
  BooleanQuery,
  FuzzyQuery,
  MatchAllQuery,
  NumericRangeQuery,
  NumericTermQuery,
  PhraseQuery,
  PhraseTerm,
  PrefixQuery,
  RegexpQuery,
  SearchQuery,
  SearchQueryKind,
  TermQuery,
  TermRangeQuery,
  WildcardQuery,
} from './search-query.js';

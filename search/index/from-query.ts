/**
 * From a query string to a plan: the query parser's syntax tree, analysed with the
 * index's per-field analyzers (search/query), then mapped onto the executor's plan.
 * Clouseau's number rule is kept: an unquoted number matches indexed numbers only, and
 * a range whose bounds both read as numbers ranges over numbers only.
 */
import type { FieldAnalyzer } from '../analysis/index.js';
import { analyzeQuery, parseQuery, type SearchQuery, type SearchQueryKind } from '../query/index.js';
import { numericTerm, type Plan } from './plan.js';

/** Clouseau lower-cases wildcard, prefix, fuzzy and range terms unless the field's analyzer is `keyword`. */
export function compileQuery(query: string, analyzer: FieldAnalyzer): Plan {
  const tree = parseQuery(query, { defaultField: 'default' });
  const analysed = analyzeQuery(tree, (field) => analyzer.forField(field), {
    lowercaseExpandedTerms: (field) => analyzer.forField(field).name !== 'keyword',
  });
  return toPlan(analysed);
}

type Mapper<K extends SearchQueryKind> = (query: Extract<SearchQuery, { kind: K }>) => Plan;

const MAPPERS: { [K in SearchQueryKind]: Mapper<K> } = {
  term: ({ field, term, boost }) => ({ kind: 'term', field, term, boost }),
  phrase: ({ field, terms, slop, boost }) => ({ kind: 'phrase', field, terms, slop, boost }),
  numeric_term: ({ field, value, boost }) => numericTerm(field, value, boost),
  prefix: ({ field, prefix, boost }) => ({ kind: 'prefix', field, prefix, boost }),
  wildcard: ({ field, pattern, boost }) => ({ kind: 'wildcard', field, pattern, boost }),
  fuzzy: ({ field, term, maxEdits, prefixLength, boost }) => ({ kind: 'fuzzy', field, term, maxEdits, prefixLength, boost }),
  regexp: ({ field, pattern, boost }) => ({ kind: 'regexp', field, pattern, boost }),
  numeric_range: (query) => ({
    kind: 'numericRange',
    field: query.field,
    lower: query.min,
    upper: query.max,
    includeLower: query.minInclusive,
    includeUpper: query.maxInclusive,
    boost: query.boost,
  }),
  term_range: (query) => ({
    kind: 'termRange',
    field: query.field,
    lower: query.lower,
    upper: query.upper,
    includeLower: query.lowerInclusive,
    includeUpper: query.upperInclusive,
    boost: query.boost,
  }),
  match_all: ({ boost }) => ({ kind: 'all', boost }),
  boolean: ({ clauses, boost }) => ({ kind: 'boolean', clauses: clauses.map(({ occur, query }) => ({ occur, plan: toPlan(query) })), boost }),
};

export function toPlan(query: SearchQuery): Plan {
  return (MAPPERS[query.kind] as Mapper<SearchQueryKind>)(query);
}

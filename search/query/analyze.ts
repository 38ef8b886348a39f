import { errors } from '../../views/index.js';
import type { QueryNode, QueryNodeKind } from './ast.js';
import { parseJavaDouble } from './java-double.js';
import { combineClauses } from './occur.js';
import type { BooleanClause, SearchQuery } from './search-query.js';

/** The part of an analyzer query analysis needs (`search/analysis` analyzers fit). */
export interface QueryAnalyzer {
  analyze(text: string): ReadonlyArray<{ readonly term: string; readonly position: number }>;
}

export interface AnalyzeQueryOptions {
  /**
   * Lower-case prefix, wildcard, fuzzy and regexp terms and range bounds (Lucene's
   * `lowercaseExpandedTerms`). Lucene 4.6 defaults to true and Clouseau never changes it;
   * pass a function to decide per field (e.g. not for `keyword` fields).
   */
  readonly lowercaseExpandedTerms?: boolean | ((field: string) => boolean);
}

/** Lucene's `BooleanQuery.maxClauseCount`: more clauses in one boolean is an error. */
export const MAX_CLAUSE_COUNT = 1024;

/** Matches nothing: what Lucene's parser returns when every clause analysed away. */
const MATCH_NOTHING: SearchQuery = { kind: 'boolean', clauses: [], boost: 1 };

/**
 * Turns a syntax tree into an executable query, as Lucene's QueryParser does while it
 * parses: terms and phrases go through the field's analyzer (a stop word disappears, an
 * unquoted term that splits into several tokens becomes an OR of them, a quoted one a
 * phrase); multi-term queries are lower-cased, not analysed; unquoted numbers and
 * all-numeric ranges become numeric queries (Clouseau).
 *
 * @example
 * const fields = buildAnalyzer({ kind: 'standard' });
 * analyzeQuery(parseQuery('The Foo-Bar'), (field) => fields.forField(field));
 * // { kind: 'boolean', boost: 1, clauses: [ {occur: 'should', query: {kind: 'term', term: 'foo', ...}},
 * //                                         {occur: 'should', query: {kind: 'term', term: 'bar', ...}} ] }
 */
export function analyzeQuery(
  node: QueryNode,
  analyzerFor: (field: string) => QueryAnalyzer,
  options: AnalyzeQueryOptions = {},
): SearchQuery {
  const setting = options.lowercaseExpandedTerms ?? true;
  const lowercase = typeof setting === 'function' ? setting : () => setting;
  return new QueryAnalysis(analyzerFor, lowercase).query(node) ?? MATCH_NOTHING;
}

type Handlers = { [K in QueryNodeKind]: (node: Extract<QueryNode, { kind: K }>) => SearchQuery | null };

class QueryAnalysis {
  constructor(
    private readonly analyzerFor: (field: string) => QueryAnalyzer,
    private readonly lowercase: (field: string) => boolean,
  ) {}

  query(node: QueryNode): SearchQuery | null {
    return (this.handlers[node.kind] as (node: QueryNode) => SearchQuery | null)(node);
  }

  private readonly handlers: Handlers = {
    term: (node) => {
      const text = this.text(node.field, node.text, null);
      if (node.numeric === undefined) return withBoost(text, node.boost);
      return { kind: 'numeric_term', field: node.field, value: node.numeric, text, boost: node.boost ?? 1 };
    },
    phrase: (node) => withBoost(this.text(node.field, node.text, node.slop), node.boost),
    prefix: (node) => ({ kind: 'prefix', field: node.field, prefix: this.expanded(node.field, node.prefix), boost: node.boost ?? 1 }),
    wildcard: (node) => ({ kind: 'wildcard', field: node.field, pattern: this.expanded(node.field, node.pattern), boost: node.boost ?? 1 }),
    regexp: (node) => ({ kind: 'regexp', field: node.field, pattern: this.expanded(node.field, node.pattern), boost: node.boost ?? 1 }),
    fuzzy: (node) => ({
      kind: 'fuzzy',
      field: node.field,
      term: this.expanded(node.field, node.text),
      maxEdits: node.maxEdits,
      prefixLength: 0,
      boost: node.boost ?? 1,
    }),
    range: (node) => {
      const lower = node.lower ?? '-Infinity';
      const upper = node.upper ?? 'Infinity';
      const boost = node.boost ?? 1;
      const text = {
        kind: 'term_range',
        field: node.field,
        lower: this.expanded(node.field, lower),
        upper: this.expanded(node.field, upper),
        lowerInclusive: node.lowerInclusive,
        upperInclusive: node.upperInclusive,
        boost,
      } as const;
      const min = parseJavaDouble(lower);
      const max = parseJavaDouble(upper);
      if (min === undefined || max === undefined) return text;
      const { field, lowerInclusive: minInclusive, upperInclusive: maxInclusive } = node;
      return { kind: 'numeric_range', field, min, max, minInclusive, maxInclusive, text, boost };
    },
    match_all: (node) => ({ kind: 'match_all', boost: node.boost ?? 1 }),
    boolean: (node) => {
      const { clauses, single } = combineClauses(node.clauses, (clause) => this.query(clause.query));
      if (single !== null) return withBoost(single, node.boost);
      if (clauses.length === 0) return null;
      return { kind: 'boolean', clauses: checkClauseCount(clauses), boost: node.boost ?? 1 };
    },
  };

  /**
   * Lucene's `createFieldQuery` (autoGeneratePhraseQueries off): no token → nothing;
   * one → a term; several → a phrase when quoted (`slop` not null), else an OR of terms.
   */
  private text(field: string, text: string, slop: number | null): SearchQuery | null {
    const tokens = this.analyzerFor(field).analyze(text);
    const [only] = tokens;
    if (only === undefined) return null;
    if (tokens.length === 1) return { kind: 'term', field, term: only.term, boost: 1 };
    if (slop !== null) {
      const terms = tokens.map(({ term, position }) => ({ term, position }));
      return { kind: 'phrase', field, terms, slop, boost: 1 };
    }
    const clauses = tokens.map(({ term }): BooleanClause => ({ occur: 'should', query: { kind: 'term', field, term, boost: 1 } }));
    return { kind: 'boolean', clauses: checkClauseCount(clauses), boost: 1 };
  }

  private expanded(field: string, text: string): string {
    return this.lowercase(field) ? text.toLowerCase() : text;
  }
}

/** Lucene's `handleBoost`: a written boost replaces the query's own. */
function withBoost(query: SearchQuery | null, boost: number | undefined): SearchQuery | null {
  return query === null || boost === undefined ? query : { ...query, boost };
}

function checkClauseCount<C>(clauses: C[]): C[] {
  if (clauses.length > MAX_CLAUSE_COUNT) throw errors.badRequest(`too many boolean clauses (more than ${MAX_CLAUSE_COUNT})`);
  return clauses;
}

import type { BooleanClauseNode } from './ast.js';

export const OCCURS = ['must', 'should', 'must_not'] as const;
export type Occur = (typeof OCCURS)[number];

/** A clause after `combineClauses`: what it must do, and its (analysed) query. */
export interface OccurClause<Q> {
  occur: Occur;
  readonly query: Q;
}

/**
 * Lucene 4.6's `QueryParserBase.addClause` with the default operator OR, applied in
 * order. An `AND` makes the clause before it required (unless prohibited) and the clause
 * after it required; `OR` changes nothing; `+` requires, `-`/`NOT` prohibits. So
 * `a OR b AND c` is `a +b +c` and `a AND b OR c` is `+a +b c`. A clause whose query
 * is `null` (it analysed to nothing) is skipped after its conjunction has taken effect,
 * so `a OR the AND b` makes `a` required.
 *
 * `single` is Lucene's shortcut: one surviving clause that was the first, unmodified
 * clause is returned bare rather than wrapped.
 */
export function combineClauses<Q>(
  clauses: readonly BooleanClauseNode[],
  queryOf: (clause: BooleanClauseNode) => Q | null,
): { clauses: OccurClause<Q>[]; single: Q | null } {
  const combined: OccurClause<Q>[] = [];
  let first: Q | null = null;
  clauses.forEach((clause, index) => {
    const query = queryOf(clause);
    const previous = combined[combined.length - 1];
    if (previous !== undefined && clause.conjunction === 'and' && previous.occur !== 'must_not') previous.occur = 'must';
    if (index === 0 && clause.modifier === null) first = query;
    if (query === null) return;
    const prohibited = clause.modifier === 'prohibited';
    const required = clause.modifier === 'required' || (clause.conjunction === 'and' && !prohibited);
    combined.push({ occur: prohibited ? 'must_not' : required ? 'must' : 'should', query });
  });
  return { clauses: combined, single: combined.length === 1 ? first : null };
}

/** The occur of each written clause, assuming none analyses to nothing. */
export function resolveOccurs(clauses: readonly BooleanClauseNode[]): Occur[] {
  return combineClauses(clauses, (clause) => clause.query).clauses.map((clause) => clause.occur);
}

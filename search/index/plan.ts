/**
 * What the executor runs: a query after parsing and analysis, reduced to the operations
 * the index answers. Built from the query parser's analysed AST (from-query.ts); tests
 * may build plans directly.
 */
export const OCCURS = ['must', 'should', 'must_not'] as const;
export type Occur = (typeof OCCURS)[number];

export interface Clause {
  readonly occur: Occur;
  readonly plan: Plan;
}

export interface PhraseTerm {
  readonly term: string;
  /** the term's position in the analysed phrase (stop words leave gaps) */
  readonly position: number;
}

export type Plan =
  | { readonly kind: 'all'; readonly boost: number }
  | { readonly kind: 'none' }
  | { readonly kind: 'term'; readonly field: string; readonly term: string; readonly boost: number }
  | { readonly kind: 'phrase'; readonly field: string; readonly terms: readonly PhraseTerm[]; readonly slop: number; readonly boost: number }
  | { readonly kind: 'prefix'; readonly field: string; readonly prefix: string; readonly boost: number }
  | { readonly kind: 'wildcard'; readonly field: string; readonly pattern: string; readonly boost: number }
  | { readonly kind: 'regexp'; readonly field: string; readonly pattern: string; readonly boost: number }
  | { readonly kind: 'fuzzy'; readonly field: string; readonly term: string; readonly maxEdits: number; readonly prefixLength: number; readonly boost: number }
  | {
      readonly kind: 'termRange';
      readonly field: string;
      readonly lower: string | undefined;
      readonly upper: string | undefined;
      readonly includeLower: boolean;
      readonly includeUpper: boolean;
      readonly boost: number;
    }
  | {
      readonly kind: 'numericRange';
      readonly field: string;
      readonly lower: number;
      readonly upper: number;
      readonly includeLower: boolean;
      readonly includeUpper: boolean;
      readonly boost: number;
    }
  | { readonly kind: 'boolean'; readonly clauses: readonly Clause[]; readonly boost: number };

export type PlanKind = Plan['kind'];

/** A numeric term query is a one-point range. */
export function numericTerm(field: string, value: number, boost = 1): Plan {
  return { kind: 'numericRange', field, lower: value, upper: value, includeLower: true, includeUpper: true, boost };
}

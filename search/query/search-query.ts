import type { Occur } from './occur.js';

/**
 * The executable query: a syntax tree after analysis, in Lucene's query vocabulary.
 * Terms are final index terms (analysed, or lower-cased for the multi-term kinds);
 * every node has a `boost` (1 unless written). A boolean without any `must` or `should`
 * clause matches nothing (Lucene: a purely negative query, or one whose every term was
 * a stop word), so `-foo` alone finds nothing while `*:* -foo` is the complement.
 */
export type SearchQuery =
  | TermQuery
  | PhraseQuery
  | NumericTermQuery
  | PrefixQuery
  | WildcardQuery
  | FuzzyQuery
  | RegexpQuery
  | NumericRangeQuery
  | TermRangeQuery
  | MatchAllQuery
  | BooleanQuery;

export type SearchQueryKind = SearchQuery['kind'];

export interface TermQuery {
  readonly kind: 'term';
  readonly field: string;
  readonly term: string;
  readonly boost: number;
}

/** Terms at fixed relative positions (gaps left by stop words included), within `slop` moves. */
export interface PhraseQuery {
  readonly kind: 'phrase';
  readonly field: string;
  readonly terms: readonly PhraseTerm[];
  readonly slop: number;
  readonly boost: number;
}

export interface PhraseTerm {
  readonly term: string;
  readonly position: number;
}

/**
 * An unquoted term that reads as a number: Clouseau matches it only against numbers
 * indexed in `field` (`size:1` finds `index("size", 1)`; `q=2014` does not find the word
 * "2014"). `text` is what the term would have been as text, for engines or fields that
 * match it as a word instead (null when it analyses to nothing).
 */
export interface NumericTermQuery {
  readonly kind: 'numeric_term';
  readonly field: string;
  readonly value: number;
  readonly text: SearchQuery | null;
  readonly boost: number;
}

export interface PrefixQuery {
  readonly kind: 'prefix';
  readonly field: string;
  readonly prefix: string;
  readonly boost: number;
}

/** `*` any run, `?` one code point, `\` makes the next character literal. */
export interface WildcardQuery {
  readonly kind: 'wildcard';
  readonly field: string;
  readonly pattern: string;
  readonly boost: number;
}

/** Levenshtein distance with transpositions ≤ `maxEdits`; the first `prefixLength` code points must match. */
export interface FuzzyQuery {
  readonly kind: 'fuzzy';
  readonly field: string;
  readonly term: string;
  readonly maxEdits: number;
  readonly prefixLength: number;
  readonly boost: number;
}

/** A Lucene `RegExp` matched against whole terms. */
export interface RegexpQuery {
  readonly kind: 'regexp';
  readonly field: string;
  readonly pattern: string;
  readonly boost: number;
}

/**
 * Both bounds read as numbers (`*` = ±Infinity): Clouseau ranges over indexed numbers
 * only. `text` is the string range Lucene would otherwise have built.
 */
export interface NumericRangeQuery {
  readonly kind: 'numeric_range';
  readonly field: string;
  readonly min: number;
  readonly max: number;
  readonly minInclusive: boolean;
  readonly maxInclusive: boolean;
  readonly text: TermRangeQuery;
  readonly boost: number;
}

/**
 * Terms between two strings in code-point order. Bounds are never open: Clouseau turns
 * `*` into `-Infinity`/`Infinity`, lower-cased to `-infinity`/`infinity`.
 */
export interface TermRangeQuery {
  readonly kind: 'term_range';
  readonly field: string;
  readonly lower: string;
  readonly upper: string;
  readonly lowerInclusive: boolean;
  readonly upperInclusive: boolean;
  readonly boost: number;
}

export interface MatchAllQuery {
  readonly kind: 'match_all';
  readonly boost: number;
}

export interface BooleanQuery {
  readonly kind: 'boolean';
  readonly clauses: readonly BooleanClause[];
  readonly boost: number;
}

export interface BooleanClause {
  readonly occur: Occur;
  readonly query: SearchQuery;
}

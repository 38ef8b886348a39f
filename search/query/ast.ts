/**
 * The syntax tree of a Lucene classic query, before analysis. Every leaf carries the
 * field it searches (the default field when none was written, `field:(...)` applied).
 * Texts are unescaped, except wildcard and regexp patterns, which keep their backslashes
 * because those query types interpret them. `boost` is present only when written.
 */
export type QueryNode =
  | TermNode
  | PhraseNode
  | PrefixNode
  | WildcardNode
  | FuzzyNode
  | RegexpNode
  | RangeNode
  | MatchAllNode
  | BooleanNode;

export type QueryNodeKind = QueryNode['kind'];

/** An unquoted term. `numeric` is set when the text reads as a Java double (Clouseau then searches the number). */
export interface TermNode {
  readonly kind: 'term';
  readonly field: string;
  readonly text: string;
  readonly numeric?: number;
  readonly boost?: number;
}

/** A quoted text (`"red apple"~2`); a one-word phrase still counts as quoted, so is never numeric. */
export interface PhraseNode {
  readonly kind: 'phrase';
  readonly field: string;
  readonly text: string;
  readonly slop: number;
  readonly boost?: number;
}

/** `app*`: terms starting with `prefix`. */
export interface PrefixNode {
  readonly kind: 'prefix';
  readonly field: string;
  readonly prefix: string;
  readonly boost?: number;
}

/** `te?t`, `a*b`: `*` any run, `?` one character, `\` escapes the next character. */
export interface WildcardNode {
  readonly kind: 'wildcard';
  readonly field: string;
  readonly pattern: string;
  readonly boost?: number;
}

/** `aple~1`: terms within `maxEdits` (0–2) Levenshtein edits, transpositions counting one. */
export interface FuzzyNode {
  readonly kind: 'fuzzy';
  readonly field: string;
  readonly text: string;
  readonly maxEdits: number;
  readonly boost?: number;
}

/** `/ab+c/`: a Lucene regular expression over whole terms. */
export interface RegexpNode {
  readonly kind: 'regexp';
  readonly field: string;
  readonly pattern: string;
  readonly boost?: number;
}

/** `[a TO b]`, `{a TO b}`, mixed; a `null` bound was written `*`. */
export interface RangeNode {
  readonly kind: 'range';
  readonly field: string;
  readonly lower: string | null;
  readonly upper: string | null;
  readonly lowerInclusive: boolean;
  readonly upperInclusive: boolean;
  readonly boost?: number;
}

/** `*:*`. */
export interface MatchAllNode {
  readonly kind: 'match_all';
  readonly boost?: number;
}

/**
 * A clause list as written. Which clauses are required is decided by
 * `resolveOccurs` (Lucene's `addClause`), not stored, because a clause that analyses to
 * nothing is dropped without undoing what its `AND` did to its neighbour.
 */
export interface BooleanNode {
  readonly kind: 'boolean';
  readonly clauses: readonly BooleanClauseNode[];
  readonly boost?: number;
}

/** `conjunction` is the AND/OR written before the clause (never on the first); `modifier` its `+`/`-`/`NOT`. */
export interface BooleanClauseNode {
  readonly conjunction: Conjunction | null;
  readonly modifier: Modifier | null;
  readonly query: QueryNode;
}

export const CONJUNCTIONS = ['and', 'or'] as const;
export type Conjunction = (typeof CONJUNCTIONS)[number];

/** `+x` is required; `-x`, `!x` and `NOT x` are prohibited. */
export const MODIFIERS = ['required', 'prohibited'] as const;
export type Modifier = (typeof MODIFIERS)[number];

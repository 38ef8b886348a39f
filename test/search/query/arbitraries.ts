import fc from 'fast-check';
import { parseJavaDouble, type BooleanClauseNode, type QueryNode } from '../../../search/query/index.js';

/** Characters that stress the lexer: every special of the syntax, escapes, whitespace, non-ASCII. */
export const QUERY_CHARS = [
  'a', 'b', 'x', 'Z', '1', '0', '.', 'e', 'u', 'A', 'N', 'D', 'O', 'R', 'T', '&', '|', '!', '+', '-', '(', ')', ':',
  '^', '[', ']', '{', '}', '"', '~', '*', '?', '\\', '/', ' ', '\t', '\u3000', 'é', '中', '😀',
] as const;

/** Strings built from `QUERY_CHARS`, plus the operator words as units. */
export const queryLike = (chars: readonly string[] = QUERY_CHARS): fc.Arbitrary<string> =>
  fc.string({ unit: fc.oneof(fc.constantFrom(...chars), fc.constantFrom(' AND ', ' OR ', ' NOT ', ' TO ', '&&', '||')), maxLength: 40 });

/** Fragments of plausible queries, joined with or without spaces: these parse far more often. */
const FRAGMENTS = [
  'apple', 'Pear', 'f:', 'title:', '*:', '"red apple"', '"x\\"y"', '""', '[1 TO 5]', '{a TO *]', '["a b" TO z}', '[* TO 2]',
  '(', ')', 'AND', 'OR', 'NOT', '&&', '||', '!', '+', '-', '^2', '^0.5', '~', '~1', '~0.5', '*', '?', 'te?t', 'app*', '12',
  '\\:', '\\u0041', '\\ ', 'é', 'the', '-3', '1e3',
] as const;

export const queryFragments = (fragments: readonly string[] = FRAGMENTS): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(fc.constantFrom(...fragments), fc.constantFrom('', ' ', ' ')), { maxLength: 12 })
    .map((parts) => parts.map(([fragment, separator]) => fragment + separator).join(''));

const textChars = fc.constantFrom('a', 'b', 'Z', '1', '.', '-', '+', ':', '\\', ' ', '*', '?', '"', '(', ')', 'é', '_', '/', '&', 'u');
const text = (minLength: number): fc.Arbitrary<string> => fc.string({ unit: textChars, minLength, maxLength: 6 });
const field = fc.oneof(fc.constant('default'), text(1));
const boost = fc.option(fc.oneof(fc.nat(100), fc.nat(100).map((n) => n / 4)), { nil: undefined });
const letters = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'X'), minLength: 1, maxLength: 3 });

function withBoost<N extends QueryNode>(node: N, value: number | undefined): N {
  return value === undefined ? node : { ...node, boost: value };
}

const termNode = fc.tuple(field, text(1), boost).map(([f, t, b]) => {
  const numeric = parseJavaDouble(t);
  return withBoost<QueryNode>(numeric === undefined ? { kind: 'term', field: f, text: t } : { kind: 'term', field: f, text: t, numeric }, b);
});
const phraseNode = fc
  .tuple(field, text(0), fc.nat(10), boost)
  .map(([f, t, slop, b]) => withBoost<QueryNode>({ kind: 'phrase', field: f, text: t, slop }, b));
const prefixNode = fc
  .tuple(field, text(1).filter((t) => !t.startsWith('*')), boost)
  .map(([f, prefix, b]) => withBoost<QueryNode>({ kind: 'prefix', field: f, prefix }, b));
/** A pattern the lexer reads as a wildcard term: a plain head, a wildcard, and a tail unless the wildcard is `?`. */
const wildcardNode = fc
  .tuple(field, letters, fc.constantFrom('*', '?'), fc.string({ unit: fc.constantFrom('a', '?', '*', '\\-'), maxLength: 3 }), boost)
  .filter(([, , wild, tail]) => wild === '?' || tail.length > 0)
  .map(([f, head, wild, tail, b]) => withBoost<QueryNode>({ kind: 'wildcard', field: f, pattern: `${head}${wild}${tail}` }, b));
const fuzzyNode = fc
  .tuple(field, text(1), fc.integer({ min: 0, max: 2 }), boost)
  .map(([f, t, maxEdits, b]) => withBoost<QueryNode>({ kind: 'fuzzy', field: f, text: t, maxEdits }, b));
const regexpNode = fc
  .tuple(field, fc.string({ unit: fc.constantFrom('a', 'b', '.', '*', '+', '[', ']'), maxLength: 5 }), boost)
  .map(([f, pattern, b]) => withBoost<QueryNode>({ kind: 'regexp', field: f, pattern }, b));
const bound = fc.option(text(1), { nil: null });
const rangeNode = fc
  .tuple(field, bound, bound, fc.boolean(), fc.boolean(), boost)
  .map(([f, lower, upper, lowerInclusive, upperInclusive, b]) =>
    withBoost<QueryNode>({ kind: 'range', field: f, lower, upper, lowerInclusive, upperInclusive }, b),
  );
const matchAllNode = boost.map((b) => withBoost<QueryNode>({ kind: 'match_all' }, b));

const conjunction = fc.constantFrom('and', 'or', null);
const modifier = fc.constantFrom('required', 'prohibited', null);

/**
 * Syntax trees the parser can produce: no one-clause unmodified boolean (it would be
 * unwrapped), no conjunction on a first clause, no leading wildcard.
 */
export const queryNode: fc.Arbitrary<QueryNode> = fc.letrec<{ node: QueryNode; boolean: QueryNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    termNode,
    phraseNode,
    prefixNode,
    wildcardNode,
    fuzzyNode,
    regexpNode,
    rangeNode,
    matchAllNode,
    tie('boolean'),
  ),
  boolean: fc
    .tuple(
      fc.array(fc.tuple(conjunction, modifier, tie('node')), { minLength: 1, maxLength: 4 }),
      boost,
    )
    .filter(([clauses]) => clauses.length > 1 || clauses[0]?.[1] !== null)
    .map(([clauses, b]) =>
      withBoost<QueryNode>(
        {
          kind: 'boolean',
          clauses: clauses.map(([c, m, query], index): BooleanClauseNode => ({ conjunction: index === 0 ? null : c, modifier: m, query })),
        },
        b,
      ),
    ),
})).node;

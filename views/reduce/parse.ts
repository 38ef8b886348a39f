import { errors } from '../errors.js';

/** Built-ins, matched by prefix. None is a prefix of another, so their order does not matter. */
export const BUILTIN_REDUCE_NAMES = [
  '_sum',
  '_count',
  '_stats',
  '_approx_count_distinct',
  '_first',
  '_last',
] as const;
export type BuiltinReduceName = (typeof BUILTIN_REDUCE_NAMES)[number];

export const RANK_DIRECTIONS = ['top', 'bottom'] as const;
export type RankDirection = (typeof RANK_DIRECTIONS)[number];

/** `_top_N` / `_bottom_N` accept N in this range. */
export const MIN_RANK = 1;
export const MAX_RANK = 100;

/** A view's `reduce` member, classified. */
export type ReduceSpec =
  | { readonly kind: 'builtin'; readonly name: BuiltinReduceName }
  | { readonly kind: 'rank'; readonly dir: RankDirection; readonly n: number }
  | { readonly kind: 'custom'; readonly source: string };

export type ReduceKind = ReduceSpec['kind'];

/**
 * Erlang's `binary_to_integer/1` grammar, which CouchDB applies to the rank suffix:
 * an optional sign and decimal digits, nothing else.
 */
const ERLANG_INTEGER = /^[+-]?[0-9]+$/;

/**
 * Classifies a reduce source the way CouchDB validates a design document (§1.2, §5.1).
 * Sources not starting with `_` are custom JavaScript, compiled elsewhere. Built-in names
 * match by prefix, so trailing characters are ignored (`"_sum\n"`, `"_statsorama"`).
 * `_top_N`/`_bottom_N` need an integer N in 1..100.
 *
 * @throws SetteeError 400 `invalid_design_doc` for unknown `_` names and bad ranks.
 * @example
 * parseReduceSource('_count\nare\nawesome'); // { kind: 'builtin', name: '_count' }
 * parseReduceSource('_top_3');               // { kind: 'rank', dir: 'top', n: 3 }
 * parseReduceSource('function (k, v) { return sum(v); }'); // { kind: 'custom', source: … }
 */
export function parseReduceSource(source: string): ReduceSpec {
  if (!source.startsWith('_')) return { kind: 'custom', source };
  for (const dir of RANK_DIRECTIONS) {
    const prefix = `_${dir}_`;
    if (source.startsWith(prefix)) return { kind: 'rank', dir, n: parseRank(source.slice(prefix.length)) };
  }
  const name = BUILTIN_REDUCE_NAMES.find((builtin) => source.startsWith(builtin));
  if (name === undefined) {
    throw errors.invalidDesignDoc(`\`${source}\` is not a supported reduce function.`);
  }
  return { kind: 'builtin', name };
}

function parseRank(suffix: string): number {
  if (!ERLANG_INTEGER.test(suffix)) throw errors.invalidDesignDoc('invalid rank reducer');
  const n = Number(suffix);
  if (!(n >= MIN_RANK && n <= MAX_RANK)) {
    throw errors.invalidDesignDoc(`rank value must be between ${MIN_RANK} and ${MAX_RANK}`);
  }
  return n;
}

import { errors } from '../errors.js';
import { countReducer } from './count.js';
import { customReducer, type CustomReduceFunction } from './custom.js';
import { approxCountDistinctReducer } from './distinct.js';
import { edgeReducer } from './first-last.js';
import type { Comparator } from './json.js';
import { resolveReduceLimits, type ReduceLimitOptions, type ResolvedReduceLimits } from './limits.js';
import type { BuiltinReduceName, ReduceKind, ReduceSpec } from './parse.js';
import { rankReducer } from './rank.js';
import type { Reducer } from './reducer.js';
import { statsReducer } from './stats.js';
import { sumReducer } from './sum.js';

/** What building any view's reducer may need. Only `context` is always required. */
export interface ReducerOptions extends ReduceLimitOptions {
  /** The view's key collation; required for `_top_N` / `_bottom_N`. */
  compare?: Comparator;
  /** Compiles a custom reduce source (the sandbox's job); required for custom reduces. */
  compile?: (source: string) => CustomReduceFunction;
}

/**
 * A reducer whose accumulator type is not known statically. Its accumulators are opaque
 * plain data: store them, pass them back to the same reducer's `rereduce`/`finalize`.
 */
export type AnyReducer = Reducer<unknown>;

type Build<K extends ReduceKind> = (
  spec: Extract<ReduceSpec, { kind: K }>,
  options: ReducerOptions,
  limits: ResolvedReduceLimits,
) => AnyReducer;

const builtins: Record<BuiltinReduceName, (limits: ResolvedReduceLimits) => AnyReducer> = {
  _sum: (limits) => sumReducer(limits),
  _count: () => countReducer(),
  _stats: () => statsReducer(),
  _approx_count_distinct: () => approxCountDistinctReducer(),
  _first: () => edgeReducer('first'),
  _last: () => edgeReducer('last'),
};

const builders: { [K in ReduceKind]: Build<K> } = {
  builtin: (spec, _options, limits) => builtins[spec.name](limits),
  rank: (spec, options) => {
    if (options.compare === undefined) {
      throw errors.internal(`options.compare is required for _${spec.dir}_${spec.n}`);
    }
    return rankReducer(spec.dir, spec.n, options.compare);
  },
  custom: (spec, options) => {
    if (options.compile === undefined) throw errors.internal('options.compile is required for a custom reduce');
    return customReducer(options.compile(spec.source), options);
  },
};

/**
 * The reducer for a parsed reduce source.
 *
 * @example
 * const reducer = createReducer(parseReduceSource('_stats'), { context: 'db/_design/d/_view/v' });
 * reducer.finalize(reducer.reduce([{ key: 1, id: 'a', value: 2 }]));
 * // { ok: true, value: { sum: 2, count: 1, min: 2, max: 2, sumsqr: 4 } }
 */
export function createReducer(spec: ReduceSpec, options: ReducerOptions): AnyReducer {
  const limits = resolveReduceLimits(options);
  // TypeScript cannot correlate `builders[spec.kind]` with `spec`; the mapped type above
  // guarantees each builder receives its own kind.
  const build = builders[spec.kind] as Build<ReduceKind>;
  return build(spec as never, options, limits);
}

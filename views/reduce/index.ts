/**
 * Reduce functions: parsing a view's `reduce` member, and reducers that an index can store
 * partial results of (`reduce` rows, `rereduce` partial results, `finalize` for output).
 * Pure and synchronous. See DESIGN.md in this folder.
 */
export type { JsonValue, JsonObject, ReduceRow, Comparator } from './json.js';
export type { Reducer, ReduceOutput, ReduceResponseRow } from './reducer.js';
export { toReduceRow } from './reducer.js';
export {
  parseReduceSource,
  BUILTIN_REDUCE_NAMES,
  RANK_DIRECTIONS,
  MIN_RANK,
  MAX_RANK,
  type ReduceSpec,
  type ReduceKind,
  type BuiltinReduceName,
  type RankDirection,
} from './parse.js';
export {
  REDUCE_LIMIT_MODES,
  DEFAULT_REDUCE_LIMIT_THRESHOLD,
  DEFAULT_REDUCE_LIMIT_RATIO,
  type ReduceLimitMode,
  type ReduceLimitOptions,
} from './limits.js';
export { createReducer, type ReducerOptions, type AnyReducer } from './create.js';
export { customReducer, REDUCE_OVERFLOW_ERROR, type CustomReduceFunction, type CustomAcc } from './custom.js';
export { SUM_ERROR, SUM_ERROR_REASON, type SumAcc } from './sum.js';
export { STATS_FIELDS, type Stats, type StatsAcc } from './stats.js';
export { HLL_PRECISION, type HllSketch } from './hyperloglog.js';
export type { EdgeRow } from './first-last.js';

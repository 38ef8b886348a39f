import type { JsonValue, ReduceRow } from './json.js';

/**
 * A reduce function split the way an index needs it. An index stores `reduce(rows)` of each
 * leaf page and `rereduce(children)` of each inner page, and answers a query by rereducing
 * the stored partial results that cover the range plus `reduce` of the rows at its edges.
 *
 * Accumulators are plain data (objects, arrays, numbers, strings, `null`, `Uint8Array`) so
 * msgpack and structured clone carry them to LMDB and across worker threads unchanged.
 *
 * Empty input: `reduce([])` returns an accumulator meaning "no rows" that `rereduce` treats
 * as absent, so an index may store and combine empty partial results freely. (Queries show
 * no row for an empty group, so its finalized value is never seen.)
 *
 * Ordering contract: `reduce` receives rows in index order (collated key, then doc id) and
 * `rereduce` receives parts in the order of the ranges they cover. `_first`/`_last` rely on
 * this; the other built-ins do not care.
 *
 * @example
 * const r = createReducer(parseReduceSource('_sum'), { context: 'db/_design/d/_view/v' });
 * const left = r.reduce([{ key: 1, id: 'a', value: 2 }]);
 * const right = r.reduce([{ key: 2, id: 'b', value: 3 }]);
 * r.finalize(r.rereduce([left, right])); // { ok: true, value: 5 }
 */
export interface Reducer<Acc> {
  /** Reduces map rows (CouchDB's `rereduce = false`). */
  reduce(rows: readonly ReduceRow[]): Acc;
  /** Combines partial results of consecutive ranges (CouchDB's `rereduce = true`). */
  rereduce(parts: readonly Acc[]): Acc;
  /** What a reduce row shows: a value, or an error that replaces the value. */
  finalize(acc: Acc): ReduceOutput;
}

/**
 * A finalized reduction. Most reductions are values, including `_sum`'s
 * `builtin_reduce_error` objects, which CouchDB shows as the row's value. A custom reduce
 * that overflowed the reduce limit is an error that replaces the row's value.
 */
export type ReduceOutput =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly error: string; readonly reason: string };

/** A reduce response row, as CouchDB sends it. */
export type ReduceResponseRow =
  | { key: JsonValue; value: JsonValue }
  | { key: null; error: string; reason: string };

export function valueOutput(value: JsonValue): ReduceOutput {
  return { ok: true, value };
}

/**
 * Shapes a finalized reduction as a response row. An error row always has `key: null`,
 * whatever the group, as CouchDB's `fabric_view_row:transform/1` writes it.
 *
 * @example
 * toReduceRow(['a'], { ok: true, value: 3 }); // { key: ['a'], value: 3 }
 * toReduceRow(['a'], { ok: false, error: 'reduce_overflow_error', reason: '…' });
 * // { key: null, error: 'reduce_overflow_error', reason: '…' }
 */
export function toReduceRow(key: JsonValue, output: ReduceOutput): ReduceResponseRow {
  return output.ok
    ? { key, value: output.value }
    : { key: null, error: output.error, reason: output.reason };
}

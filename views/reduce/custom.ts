import { SetteeError } from '../errors.js';
import type { JsonValue } from './json.js';
import { checkReduceLimit, resolveReduceLimits, type ReduceLimitOptions } from './limits.js';
import { valueOutput, type Reducer } from './reducer.js';

/**
 * A compiled JavaScript reduce, CouchDB's `function (keys, values, rereduce)` (§1.8):
 * `keys` holds `[key, docid]` pairs on reduce and is `null` on rereduce.
 */
export type CustomReduceFunction = (
  keys: Array<[JsonValue, string]> | null,
  values: JsonValue[],
  rereduce: boolean,
) => unknown;

/**
 * A stored custom reduction: the function's JSON result, or the reduce-limit overflow
 * that replaced it. Wrapped so no value a function returns can pass for an overflow.
 * `null` stands for "no rows": the function is never called on nothing, and rereduce
 * skips such parts.
 */
export type CustomAcc = { readonly value: JsonValue } | { readonly overflow: string } | null;

export const REDUCE_OVERFLOW_ERROR = 'reduce_overflow_error';

/**
 * Runs a user's reduce the way CouchDB's JavaScript query server does:
 * - it is called only on at least one row or part (no rows reduce to `null`, which
 *   rereduce skips);
 * - the function gets fresh JSON copies of its arguments, as it would over the wire, so
 *   it may mutate them (common in rereduce branches) without touching stored data;
 * - its result goes through JSON: `undefined` becomes `null`, functions vanish;
 * - an exception makes the reduction `null` and is logged, unless it is CouchDB's
 *   `'fatal_error'` or a `['fatal', error, reason]` array, which fail the query (500);
 * - the reduce limit (§1.8) compares the result's JSON length with the arguments';
 *   an overflow is stored, finalizes to a `reduce_overflow_error` row, and is passed on
 *   by every later rereduce without calling the function.
 *
 * @example
 * const r = customReducer((keys, values) => values.length, { context: 'db/_design/d/_view/v' });
 * r.finalize(r.reduce([{ key: 1, id: 'a', value: null }])); // { ok: true, value: 1 }
 */
export function customReducer(fn: CustomReduceFunction, options: ReduceLimitOptions): Reducer<CustomAcc> {
  const limits = resolveReduceLimits(options);

  const run = (argsText: string, call: (args: JsonValue) => unknown): CustomAcc => {
    let resultText: string;
    try {
      resultText = JSON.stringify(call(JSON.parse(argsText) as JsonValue)) ?? 'null';
    } catch (err) {
      rethrowIfFatal(err);
      limits.log(`reduce function raised exception ${describe(err)} context: ${limits.context}`);
      return { value: null };
    }
    const overflow = checkReduceLimit(limits, resultText.length, () => argsText.length);
    return overflow === null ? { value: JSON.parse(resultText) as JsonValue } : { overflow };
  };

  return {
    reduce(rows) {
      if (rows.length === 0) return null;
      const keys = rows.map((row) => [row.key, row.id]);
      const values = rows.map((row) => row.value);
      return run(JSON.stringify([keys, values]), (args) => {
        const [copiedKeys, copiedValues] = args as [Array<[JsonValue, string]>, JsonValue[]];
        return fn(copiedKeys, copiedValues, false);
      });
    },
    rereduce(parts) {
      const present = parts.filter((part) => part !== null);
      if (present.length === 0) return null;
      const failed = present.find((part) => 'overflow' in part);
      if (failed !== undefined) return failed;
      const values = present.map((part) => ('value' in part ? part.value : null));
      return run(JSON.stringify(values), (args) => fn(null, args as JsonValue[], true));
    },
    finalize(acc) {
      if (acc === null) return valueOutput(null);
      if ('overflow' in acc) return { ok: false, error: REDUCE_OVERFLOW_ERROR, reason: acc.overflow };
      return valueOutput(acc.value);
    },
  };
}

/** CouchDB's query server aborts the request for these instead of nulling the reduction. */
function rethrowIfFatal(err: unknown): void {
  if (err === 'fatal_error') {
    throw new SetteeError(500, 'map_runtime_error', "function raised 'fatal_error'");
  }
  if (Array.isArray(err) && err[0] === 'fatal') {
    throw new SetteeError(500, String(err[1]), String(err[2]));
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  try {
    return JSON.stringify(err) ?? String(err);
  } catch {
    return String(err);
  }
}

import { isJsonObject, type JsonObject, type JsonValue, type ReduceRow } from './json.js';
import { checkReduceLimit, type ResolvedReduceLimits } from './limits.js';
import { valueOutput, type Reducer } from './reducer.js';

/** CouchDB's `?SUMERROR`, the reason of every `_sum` type error. */
export const SUM_ERROR_REASON =
  'The _sum function requires that map values be numbers, arrays of numbers, or objects. ' +
  'Objects cannot be mixed with other data structures. Objects can be arbitrarily nested, ' +
  'provided that the values for all fields are themselves numbers, arrays of numbers, or objects.';

/** The `error` member that marks a `_sum` result (or an emitted value) as failed. */
export const SUM_ERROR = 'builtin_reduce_error';

/**
 * A running sum: a number, an array of numbers, an object of those, or an error object.
 * `null` (never a sum: a `null` value is an error) stands for "no rows", so an empty
 * partial result cannot turn into a `0` that objects then refuse to mix with.
 */
export type SumAcc = JsonValue;

/** Carries a finished error object out of the recursion; never escapes this module. */
class SumFailure {
  constructor(readonly result: JsonObject) {}
}

function invalid(cause: JsonValue): SumFailure {
  return new SumFailure({ error: SUM_ERROR, reason: SUM_ERROR_REASON, caused_by: cause });
}

/**
 * `_sum` (§5.2). Numbers add; arrays add element-wise, the shorter padded with zeros, and a
 * number meeting an array counts as a one-element array; objects add member-wise and
 * recursively, members on one side only kept. Anything else makes the reduction a
 * `builtin_reduce_error` object (with `caused_by`: the offending row value), which then
 * passes unchanged through every rereduce. Output above the reduce limit becomes a
 * `builtin_reduce_error` object with the overflow message.
 *
 * Kept CouchDB quirk: an object meeting the accumulator `0` (a lone object, or one after
 * values summing to 0) is taken as it is, unvalidated.
 * Deliberate difference: every element of an emitted array must be a number; CouchDB does
 * not check elements past the shorter array's end.
 */
export function sumReducer(limits: ResolvedReduceLimits): Reducer<SumAcc> {
  const guarded = (sum: SumAcc, input: () => unknown): SumAcc => {
    if (typeof sum !== 'object' || sum === null) return sum;
    const overflow = checkReduceLimit(limits, JSON.stringify(sum).length, () => JSON.stringify(input()).length);
    return overflow === null ? sum : { error: SUM_ERROR, reason: overflow };
  };
  return {
    reduce: (rows) =>
      rows.length === 0 ? null : guarded(sumValues(rows.map((row) => row.value)), () => rowsAsKvs(rows)),
    rereduce(parts) {
      const present = parts.filter((part) => part !== null);
      return present.length === 0 ? null : guarded(sumValues(present), () => present);
    },
    finalize: (acc) => valueOutput(acc ?? 0),
  };
}

/** The `[[key, id], value]` list CouchDB measures as a reduce's input. */
function rowsAsKvs(rows: readonly ReduceRow[]): JsonValue {
  return rows.map((row) => [[row.key, row.id], row.value]);
}

/** Folds values from CouchDB's initial accumulator `0`; the first failure ends the fold. */
function sumValues(values: readonly JsonValue[]): SumAcc {
  let acc: SumAcc = 0;
  try {
    for (const value of values) acc = addValue(value, acc);
    return acc;
  } catch (failure) {
    if (failure instanceof SumFailure) return failure.result;
    throw failure;
  }
}

function addValue(value: JsonValue, acc: JsonValue): JsonValue {
  if (typeof value === 'number') {
    if (typeof acc === 'number') return acc + value;
    if (Array.isArray(acc)) return addArrays(acc, [value], value);
    throw invalid(value);
  }
  if (Array.isArray(value)) {
    if (!value.every((item) => typeof item === 'number')) throw invalid(value);
    if (typeof acc === 'number') return addArrays([acc], value, value);
    if (Array.isArray(acc)) return addArrays(acc, value, value);
    throw invalid(value);
  }
  if (isJsonObject(value)) {
    if (value['error'] === SUM_ERROR) throw new SumFailure(value);
    if (acc === 0) return value;
    if (isJsonObject(acc)) return addObjects(value, acc);
  }
  throw invalid(value);
}

function addArrays(acc: readonly JsonValue[], value: readonly JsonValue[], cause: JsonValue): JsonValue[] {
  const [longer, shorter] = acc.length >= value.length ? [acc, value] : [value, acc];
  const out = longer.slice();
  for (let i = 0; i < shorter.length; i++) {
    const a = acc[i];
    const b = value[i];
    if (typeof a !== 'number' || typeof b !== 'number') throw invalid(cause);
    out[i] = a + b;
  }
  return out;
}

/** Member-wise sum; members come out in UTF-8 byte order of their names, as Erlang sorts them. */
function addObjects(value: JsonObject, acc: JsonObject): JsonObject {
  const names = [...new Set([...Object.keys(value), ...Object.keys(acc)])].sort(compareCodePoints);
  return Object.fromEntries(
    names.map((name) => {
      const v = Object.hasOwn(value, name) ? value[name] : undefined;
      const a = Object.hasOwn(acc, name) ? acc[name] : undefined;
      if (v === undefined) return [name, a];
      return [name, a === undefined ? v : addValue(v, a)];
    }),
  ) as JsonObject;
}

/** Code-point order, which is UTF-8 byte order (code-unit order differs above U+FFFF). */
function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

import { SetteeError } from '../errors.js';
import { formatErlangTerm, formatProplist } from './erlang-term.js';
import { isJsonObject, type JsonObject, type JsonValue } from './json.js';
import { valueOutput, type Reducer } from './reducer.js';

/** One `_stats` result; also the shape of a pre-aggregated value a map may emit. */
export interface Stats {
  sum: number;
  count: number;
  min: number;
  max: number;
  sumsqr: number;
}

/** The members of {@link Stats}, in CouchDB's output order. */
export const STATS_FIELDS = ['sum', 'count', 'min', 'max', 'sumsqr'] as const;

/**
 * A running `_stats`: one {@link Stats}, or (for array values) one per position, nested as
 * deep as the values are. `null` stands for "no rows" and finalizes to all zeros.
 */
export type StatsAcc = Stats | StatsAcc[] | null;

const EMPTY_STATS: Stats = { sum: 0, count: 0, min: 0, max: 0, sumsqr: 0 };

/** CouchDB fails the whole query (HTTP 500) on bad `_stats` input. */
function invalidValue(reason: string): SetteeError {
  return new SetteeError(500, 'invalid_value', reason);
}

function notNumeric(printed: string): SetteeError {
  return invalidValue(`The _stats function requires that map values be numbers or arrays of numbers, not '${printed}'`);
}

/**
 * `_stats` (§5.4). Values are numbers, pre-aggregated {@link Stats} objects (extra members
 * ignored), or arrays of those, which give per-position stats; all values must then be
 * arrays of one length. Bad input throws SetteeError 500 `invalid_value` with CouchDB's
 * message, because CouchDB fails the query rather than embedding the error.
 */
export function statsReducer(): Reducer<StatsAcc> {
  return {
    reduce(rows) {
      const [first, ...rest] = rows;
      if (first === undefined) return null;
      return rest.reduce<StatsAcc>((acc, row) => addValue(row.value, acc), initialStats(first.value));
    },
    rereduce(parts) {
      const present = parts.filter((part): part is Exclude<StatsAcc, null> => part !== null);
      const [first, ...rest] = present;
      if (first === undefined) return null;
      return rest.reduce<StatsAcc>((acc, part) => addAcc(part, acc), first);
    },
    finalize: (acc) => valueOutput(finalizeStats(acc)),
  };
}

function finalizeStats(acc: StatsAcc): JsonValue {
  if (acc === null) return { ...EMPTY_STATS };
  if (Array.isArray(acc)) return acc.map(finalizeStats);
  return { sum: acc.sum, count: acc.count, min: acc.min, max: acc.max, sumsqr: acc.sumsqr };
}

function single(n: number): Stats {
  return { sum: n, count: 1, min: n, max: n, sumsqr: n * n };
}

function combine(a: Stats, b: Stats): Stats {
  return {
    sum: a.sum + b.sum,
    count: a.count + b.count,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
    sumsqr: a.sumsqr + b.sumsqr,
  };
}

/** `build_initial_accumulator`: the first value sets the shape. */
function initialStats(value: JsonValue): StatsAcc {
  if (typeof value === 'number') return single(value);
  if (Array.isArray(value)) return value.map(initialStats);
  if (isJsonObject(value)) return unpack(value);
  throw invalidValue(`non-numeric _stats input: ${formatErlangTerm(value)}`);
}

/** `stat_values`: folds one more row value into the accumulator. */
function addValue(value: JsonValue, acc: StatsAcc): StatsAcc {
  if (Array.isArray(value) && Array.isArray(acc)) {
    if (value.length !== acc.length) throw notNumeric(formatErlangTerm(value));
    return value.map((item, i) => addValue(item, acc[i] ?? null));
  }
  if (typeof value === 'number') return addStats(single(value), acc);
  if (isJsonObject(value)) return addStats(unpack(value), acc);
  throw notNumeric(formatErlangTerm(value));
}

function addStats(stats: Stats, acc: StatsAcc): StatsAcc {
  if (acc === null) return stats;
  if (Array.isArray(acc)) throw notNumeric(formatAcc(stats));
  return combine(stats, acc);
}

/** Rereduce: both sides are accumulators of the same shape. */
function addAcc(part: Exclude<StatsAcc, null>, acc: StatsAcc): StatsAcc {
  if (acc === null) return part;
  if (Array.isArray(part) && Array.isArray(acc) && part.length === acc.length) {
    return part.map((item, i) => (item === null ? (acc[i] ?? null) : addAcc(item, acc[i] ?? null)));
  }
  if (!Array.isArray(part) && !Array.isArray(acc)) return combine(part, acc);
  throw notNumeric(formatAcc(part));
}

/** Reads a pre-aggregated object (`unpack_stats`); every field must be a number. */
function unpack(object: JsonObject): Stats {
  const stats = { ...EMPTY_STATS };
  for (const field of STATS_FIELDS) {
    const member = Object.hasOwn(object, field) ? object[field] : undefined;
    if (member === undefined) {
      throw invalidValue(`user _stats input missing required field ${field} (${formatProplist(object)})`);
    }
    if (typeof member !== 'number') {
      throw invalidValue(`non-numeric _stats input received for ${field}: ${formatErlangTerm(member)}`);
    }
    stats[field] = member;
  }
  return stats;
}

/** Prints an accumulator as the Erlang term CouchDB would show: tuples `{sum,count,min,max,sumsqr}`. */
function formatAcc(acc: StatsAcc): string {
  if (acc === null) return formatAcc(EMPTY_STATS);
  if (Array.isArray(acc)) return `[${acc.map(formatAcc).join(',')}]`;
  return `{${STATS_FIELDS.map((field) => formatErlangTerm(acc[field])).join(',')}}`;
}

/**
 * CouchDB key collation of JSON values, in memory: `collate` for the default (ICU)
 * order and `collateRaw` for views with `options.collation: "raw"`. The key codec's
 * byte order equals these comparators; tests hold the two against each other.
 *
 * ICU (couch_ejson_compare): null < false < true < numbers < strings < arrays < objects.
 * Raw (Erlang term order):   numbers < false < null < true < objects < arrays < strings.
 */
import { compareIcuStrings } from './icu-strings.js';
import { compareUtf8 } from './utf8.js';

/** Any JSON value; structurally the same as the engine's and the other modules'. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type CollationMode = 'icu' | 'raw';
export const COLLATION_MODES = ['icu', 'raw'] as const satisfies readonly CollationMode[];

export type Comparator = (a: JsonValue, b: JsonValue) => number;

/** The kinds of JSON value that collation tells apart. */
export type JsonKind = 'null' | 'false' | 'true' | 'number' | 'string' | 'array' | 'object';

export function jsonKind(value: JsonValue): JsonKind {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`not a JSON number: ${value}`);
      return 'number';
    case 'string':
      return 'string';
    case 'object':
      return Array.isArray(value) ? 'array' : 'object';
    default:
      throw new TypeError(`not a JSON value: ${typeof value}`);
  }
}

/** Rank of each kind per mode: the first thing either comparison looks at. */
export const KIND_RANK: Readonly<Record<CollationMode, Readonly<Record<JsonKind, number>>>> = {
  icu: { null: 0, false: 1, true: 2, number: 3, string: 4, array: 5, object: 6 },
  raw: { number: 0, false: 1, null: 2, true: 3, object: 4, array: 5, string: 6 },
};

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

function comparator(mode: CollationMode, compareStrings: (a: string, b: string) => number): Comparator {
  const rank = KIND_RANK[mode];
  const compare = (a: JsonValue, b: JsonValue): number => {
    const kind = jsonKind(a);
    const other = jsonKind(b);
    if (kind !== other) return sign(rank[kind] - rank[other]);
    switch (kind) {
      case 'number':
        return sign((a as number) - (b as number));
      case 'string':
        return compareStrings(a as string, b as string);
      case 'array':
        return compareSequences(a as JsonValue[], b as JsonValue[], compare);
      case 'object':
        return compareObjects(a as JsonObject, b as JsonObject, compare, compareStrings);
      default:
        return 0;
    }
  };
  return compare;
}

/** Element-wise; the first difference decides and a proper prefix sorts first. */
function compareSequences(a: readonly JsonValue[], b: readonly JsonValue[], compare: Comparator): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const order = compare(a[i]!, b[i]!);
    if (order !== 0) return order;
  }
  return sign(a.length - b.length);
}

/** Member by member in stored order: the name, then the value. */
function compareObjects(a: JsonObject, b: JsonObject, compare: Comparator, compareStrings: (a: string, b: string) => number): number {
  const aNames = Object.keys(a);
  const bNames = Object.keys(b);
  const length = Math.min(aNames.length, bNames.length);
  for (let i = 0; i < length; i++) {
    const order = compareStrings(aNames[i]!, bNames[i]!) || compare(a[aNames[i]!]!, b[bNames[i]!]!);
    if (order !== 0) return order;
  }
  return sign(aNames.length - bNames.length);
}

/**
 * CouchDB's default collation. Strings follow ICU root collation: case-insensitive
 * first, lowercase before uppercase on ties, ignorable code points ignored.
 *
 * @example collate('a', 'A') // -1
 * @example collate([1, 'b'], [1, 'b', null]) // -1
 * @example collate('c', 'c\u200B') // 0
 */
export const collate: Comparator = comparator('icu', compareIcuStrings);

/**
 * Erlang term order, for views with `options.collation: "raw"`: strings compare by
 * UTF-8 bytes, so `'A' < 'a'`.
 *
 * @example collateRaw(1, false) // -1
 * @example collateRaw({}, []) // -1
 */
export const collateRaw: Comparator = comparator('raw', compareUtf8);

/** The comparator for a view's collation mode. */
export function comparatorFor(mode: CollationMode): Comparator {
  return mode === 'raw' ? collateRaw : collate;
}

/**
 * How view rows are keyed: the collation module's order-preserving encoding of
 * `(key, docId)`, plus a two-byte emission index so that one document may emit the same
 * key several times. `RowKeyCodec` is the narrow interface the index needs from the
 * collation module; `views/index.ts` wires the real one.
 */
import type { JsonValue } from '../reduce/index.js';
import { concatBytes, type Bytes } from './table.js';

export interface KeyBounds {
  /** The first row key of the set (inclusive). */
  low: Bytes;
  /** The first row key after the set (exclusive). */
  high: Bytes;
}

export interface RowKeyCodec {
  /** `(key, docId)` bytes: memcmp order equals (collation of key, UTF-8 order of docId). */
  rowKey(key: JsonValue, docId: string): Bytes;
  /** All rows whose key collates equal to `key`. */
  keyBounds(key: JsonValue): KeyBounds;
  /** All rows whose key is an array starting with the elements of `prefix`. */
  arrayPrefixBounds(prefix: JsonValue[]): KeyBounds;
  /** The view's collation of two keys. */
  compare(a: JsonValue, b: JsonValue): number;
}

/** Emissions of one document are numbered so equal `(key, docId)` rows stay distinct. */
const EMISSION_BYTES = 2;
const MAX_EMISSIONS = 0xffff;

export function emissionKey(rowKey: Bytes, index: number): Bytes {
  if (index > MAX_EMISSIONS) throw new RangeError(`a document may emit at most ${MAX_EMISSIONS + 1} rows per view`);
  return concatBytes(rowKey, Uint8Array.of(index >> 8, index & 0xff));
}

/** The last possible stored key of `(key, docId)`: its highest emission index. */
export function lastEmissionKey(rowKey: Bytes): Bytes {
  return concatBytes(rowKey, new Uint8Array(EMISSION_BYTES).fill(0xff));
}

/** What the rows table stores per row: the key as emitted, the value, the document id. */
export type StoredRow = [key: JsonValue, value: JsonValue, docId: string];

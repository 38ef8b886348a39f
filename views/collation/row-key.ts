/**
 * View row keys for LMDB: `(key, docId)` as bytes whose memcmp order is (key collation,
 * then docId UTF-8 bytes), plus the range bounds a query needs.
 *
 *   row key = keyPart · escaped UTF-8 docId · 0x00
 *   keyPart = encodeKey(key), cut to KEY_PREFIX_BYTES if longer
 *
 * The row key is self-delimiting, so the index may append its own suffix (an emission
 * number) of up to RESERVED_SUFFIX_BYTES without changing the order.
 *
 * Long keys — the contract with the index. LMDB keys hold at most MAX_KEY_BYTES, so
 * a key whose encoding exceeds KEY_PREFIX_BYTES is truncated to that many bytes. Order
 * between rows whose keys differ within the prefix is still exact (no complete encoding
 * is a prefix of another). Rows whose keys share the same truncated prefix form a "tie
 * block": contiguous in LMDB, but ordered inside by docId rather than by key. The index
 * must therefore:
 *   1. store the full key in the row value (it does anyway, to return it);
 *   2. when a scan meets a row for which `isTruncatedRowKey` holds, read the whole
 *      block (`sameTieBlock`: rows starting with the same KEY_PREFIX_BYTES bytes) and
 *      sort it with `codec.compareRows` before emitting;
 *   3. treat bounds with `exact: false` as a superset: filter their rows by comparing the
 *      full keys with `codec.compare`.
 * Keys of ≤ KEY_PREFIX_BYTES encoded bytes (nearly all) never hit this path.
 */
import { ByteWriter, compareBytes } from './byte-writer.js';
import { comparatorFor, type CollationMode, type Comparator, type JsonValue } from './collate.js';
import { encodeKey, skipValue, tagOf, writeValue } from './key-codec.js';
import { compareUtf8, readEscapedUtf8, writeEscapedUtf8 } from './utf8.js';

/** LMDB's key size limit with its default 4 KiB pages. */
export const MAX_KEY_BYTES = 1978;
/** Room left after the row key for the index's own suffix. */
export const RESERVED_SUFFIX_BYTES = 16;
export const MAX_ROW_KEY_BYTES = MAX_KEY_BYTES - RESERVED_SUFFIX_BYTES;
/** Encoded keys longer than this are truncated; leaves ≥ 900 bytes for the docId. */
export const KEY_PREFIX_BYTES = 1024;
/** Above every byte that can follow a key part (escaped UTF-8 never reaches 0xF5). */
const AFTER_ALL_DOC_IDS = 0xff;

/** A byte range of row keys: `low` inclusive, `high` exclusive. */
export interface KeyRange {
  readonly low: Uint8Array;
  readonly high: Uint8Array;
  /** False when the key was truncated: the range also holds other keys sharing its prefix. */
  readonly exact: boolean;
}

/** One view's key encoding and comparator; satisfies the index's `RowKeyCodec`. */
export interface KeyCodec {
  readonly collation: CollationMode;
  /** The in-memory collation, equal to the byte order of encodings. */
  readonly compare: Comparator;
  /** The full key encoding (never truncated). */
  encodeKey(key: JsonValue): Uint8Array;
  /** The row key of `(key, docId)`; throws RangeError if it cannot fit MAX_ROW_KEY_BYTES. */
  rowKey(key: JsonValue, docId: string): Uint8Array;
  /** Every row whose key collates equal to `key`, for any docId. */
  keyBounds(key: JsonValue): KeyRange;
  /** Every row whose key is an array starting with the elements of `prefix`. */
  arrayPrefixBounds(prefix: readonly JsonValue[]): KeyRange;
  /** View row order on full keys (key collation, then docId bytes), for tie blocks. */
  compareRows(a: RowIdentity, b: RowIdentity): number;
}

/** What orders a row: its full emitted key and its document id. */
export interface RowIdentity {
  readonly key: JsonValue;
  readonly id: string;
}

const scratch = new ByteWriter(2048);

function truncate(out: ByteWriter): boolean {
  if (out.length <= KEY_PREFIX_BYTES) return false;
  out.length = KEY_PREFIX_BYTES;
  return true;
}

function range(out: ByteWriter, exact: boolean): KeyRange {
  const low = out.toBytes();
  const high = new Uint8Array(low.length + 1);
  high.set(low);
  high[low.length] = AFTER_ALL_DOC_IDS;
  return { low, high, exact };
}

function rowKey(key: JsonValue, docId: string, mode: CollationMode): Uint8Array {
  scratch.reset();
  writeValue(key, mode, scratch);
  truncate(scratch);
  writeEscapedUtf8(docId, scratch);
  if (scratch.length > MAX_ROW_KEY_BYTES) {
    throw new RangeError(`row key of ${scratch.length} bytes exceeds ${MAX_ROW_KEY_BYTES}: document id too long for this key`);
  }
  return scratch.toBytes();
}

function keyBounds(key: JsonValue, mode: CollationMode): KeyRange {
  scratch.reset();
  writeValue(key, mode, scratch);
  return range(scratch, !truncate(scratch));
}

function arrayPrefixBounds(prefix: readonly JsonValue[], mode: CollationMode): KeyRange {
  scratch.reset();
  scratch.byte(tagOf(mode, 'array'));
  for (const element of prefix) writeValue(element, mode, scratch);
  // Left open (no END): longer arrays continue with an element tag, equal ones with END.
  return range(scratch, !truncate(scratch));
}

const codecs: Record<CollationMode, KeyCodec> = {
  icu: makeCodec('icu'),
  raw: makeCodec('raw'),
};

function makeCodec(collation: CollationMode): KeyCodec {
  const compare = comparatorFor(collation);
  return Object.freeze({
    collation,
    compare,
    encodeKey: (key: JsonValue) => encodeKey(key, collation),
    rowKey: (key: JsonValue, docId: string) => rowKey(key, docId, collation),
    keyBounds: (key: JsonValue) => keyBounds(key, collation),
    arrayPrefixBounds: (prefix: readonly JsonValue[]) => arrayPrefixBounds(prefix, collation),
    compareRows: (a: RowIdentity, b: RowIdentity) => compare(a.key, b.key) || compareUtf8(a.id, b.id),
  });
}

/**
 * The codec for a view's collation mode (shared, stateless).
 *
 * @example
 * const codec = keyCodec('icu');
 * const row = codec.rowKey(['a', 1], 'doc1');
 * const { low, high } = codec.keyBounds(['a', 1]); // low <= row < high
 */
export function keyCodec(collation: CollationMode = 'icu'): KeyCodec {
  return codecs[collation];
}

/** Where the docId starts: after the key part, or at KEY_PREFIX_BYTES if it was truncated. */
function docIdStart(rowKey: Uint8Array): number {
  const end = skipValue(rowKey, 0, Math.min(KEY_PREFIX_BYTES, rowKey.length));
  return end < 0 ? KEY_PREFIX_BYTES : end;
}

/** The docId of a row key (any suffix the index appended is ignored). */
export function decodeDocId(rowKey: Uint8Array): string {
  return readEscapedUtf8(rowKey, docIdStart(rowKey)).text;
}

/** Whether the row's key was cut to KEY_PREFIX_BYTES (see the tie-block contract above). */
export function isTruncatedRowKey(rowKey: Uint8Array): boolean {
  return skipValue(rowKey, 0, Math.min(KEY_PREFIX_BYTES, rowKey.length)) < 0;
}

/** Whether two row keys belong to the same tie block (same truncated key prefix). */
export function sameTieBlock(a: Uint8Array, b: Uint8Array): boolean {
  return (
    isTruncatedRowKey(a) &&
    isTruncatedRowKey(b) &&
    compareBytes(a.subarray(0, KEY_PREFIX_BYTES), b.subarray(0, KEY_PREFIX_BYTES)) === 0
  );
}

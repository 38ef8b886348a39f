/**
 * Order-preserving binary encoding of JSON keys: memcmp order of `encodeKey(a, mode)`
 * and `encodeKey(b, mode)` equals `collate(a, b)` (mode `'icu'`) or `collateRaw(a, b)`
 * (mode `'raw'`), and keys that collate equal ("c" and "c\u200B") encode identically.
 * The original key cannot be read back from ICU bytes; the index stores it in the row.
 *
 * Layout: one tag byte per value, then
 *   number  8 bytes: IEEE 754 big-endian, sign bit flipped (negatives: all bits flipped)
 *   string  ICU sort key (`sort-key.ts`) or escaped UTF-8 (`utf8.ts`); both end in 0x00
 *   array   the elements, then END
 *   object  per member: string tag + name + value; then END
 * END (0x00) is below every tag, so a prefix sorts first (`[] < [x]`, `{} < {"a":1}`).
 * Every value is self-delimiting, so no encoding is a proper prefix of another and
 * bytes may follow (see `row-key.ts`). Tags are disjoint between modes, so the layout
 * can be walked (`skipValue`) without knowing the mode.
 */
import { ByteWriter } from './byte-writer.js';
import { jsonKind, KIND_RANK, type CollationMode, type JsonKind, type JsonObject, type JsonValue } from './collate.js';
import { writeIcuSortKey } from './icu-strings.js';
import { skipEscaped, writeEscapedUtf8 } from './utf8.js';

export const END = 0x00;
const NUMBER_BYTES = 8;
/** First tag of each mode; tags are `base + KIND_RANK[mode][kind]`, so tag order is kind order. */
const TAG_BASE: Readonly<Record<CollationMode, number>> = { icu: 0x10, raw: 0x20 };

const TAGS = Object.fromEntries(
  (Object.keys(TAG_BASE) as CollationMode[]).map((mode) => [
    mode,
    Object.fromEntries(Object.entries(KIND_RANK[mode]).map(([kind, rank]) => [kind, TAG_BASE[mode] + rank])),
  ]),
) as Record<CollationMode, Record<JsonKind, number>>;

const KIND_OF_TAG = new Map<number, JsonKind>(
  Object.values(TAGS).flatMap((tags) => Object.entries(tags).map(([kind, tag]) => [tag, kind as JsonKind] as const)),
);

const numberView = new DataView(new ArrayBuffer(NUMBER_BYTES));
const numberBytes = new Uint8Array(numberView.buffer);

function writeNumber(n: number, out: ByteWriter): void {
  numberView.setFloat64(0, n === 0 ? 0 : n); // -0 collates equal to 0
  if (n < 0) for (let i = 0; i < NUMBER_BYTES; i++) numberBytes[i] = numberBytes[i]! ^ 0xff;
  else numberBytes[0] = numberBytes[0]! ^ 0x80;
  out.append(numberBytes);
}

function writeString(text: string, mode: CollationMode, out: ByteWriter): void {
  if (mode === 'icu') writeIcuSortKey(text, out);
  else writeEscapedUtf8(text, out);
}

/** The tag byte that starts a value of `kind`. */
export function tagOf(mode: CollationMode, kind: JsonKind): number {
  return TAGS[mode][kind];
}

/** Appends the encoding of `value` to `out`. */
export function writeValue(value: JsonValue, mode: CollationMode, out: ByteWriter): void {
  const kind = jsonKind(value);
  out.byte(TAGS[mode][kind]);
  switch (kind) {
    case 'number':
      writeNumber(value as number, out);
      return;
    case 'string':
      writeString(value as string, mode, out);
      return;
    case 'array':
      for (const element of value as JsonValue[]) writeValue(element, mode, out);
      out.byte(END);
      return;
    case 'object': {
      const object = value as JsonObject;
      for (const name of Object.keys(object)) {
        out.byte(TAGS[mode].string);
        writeString(name, mode, out);
        writeValue(object[name]!, mode, out);
      }
      out.byte(END);
      return;
    }
    default:
      return;
  }
}

const scratch = new ByteWriter(1024);

/**
 * The order-preserving bytes of a key, in full (no truncation; see `row-key.ts`).
 *
 * @example compareBytes(encodeKey('a', 'icu'), encodeKey('B', 'icu')) // -1, as collate('a', 'B')
 * @example encodeKey('c', 'icu') equals encodeKey('c\u200B', 'icu') byte for byte
 */
export function encodeKey(key: JsonValue, mode: CollationMode = 'icu'): Uint8Array {
  scratch.reset();
  writeValue(key, mode, scratch);
  return scratch.toBytes();
}

/**
 * The offset just after the value encoded at `at`, or -1 if it does not end by `limit`
 * (a truncated key). Throws on bytes that are not a key encoding.
 */
export function skipValue(bytes: Uint8Array, at: number, limit: number): number {
  if (at >= limit) return -1;
  const kind = KIND_OF_TAG.get(bytes[at]!);
  let next = at + 1;
  switch (kind) {
    case 'null':
    case 'false':
    case 'true':
      return next;
    case 'number':
      return next + NUMBER_BYTES <= limit ? next + NUMBER_BYTES : -1;
    case 'string':
      return skipEscaped(bytes, next, limit);
    case 'array':
    case 'object':
      while (next < limit && bytes[next] !== END) {
        if (kind === 'object') next = skipValue(bytes, next, limit); // the member name
        if (next >= 0) next = skipValue(bytes, next, limit);
        if (next < 0) return -1;
      }
      return next < limit ? next + 1 : -1;
    default:
      throw new RangeError(`not an encoded key: tag 0x${(bytes[at] ?? 0).toString(16)} at ${at}`);
  }
}

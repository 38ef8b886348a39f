/**
 * UTF-8 byte order for strings compared "raw" (raw-collation keys, doc ids), and the
 * escaped, terminated UTF-8 form that embeds such a string in a larger binary key.
 *
 * Escaping: 0x00 → 0x01 0x01 and 0x01 → 0x01 0x02, then a 0x00 terminator. The escaped
 * bytes keep the original byte order and never contain 0x00, so the terminator sorts a
 * string before every longer string it prefixes, and the form is self-delimiting.
 * Lone surrogates are written as U+FFFD, as `TextEncoder` and `Buffer` do.
 */
import type { ByteWriter } from './byte-writer.js';

export const STRING_TERMINATOR = 0x00;
const ESCAPE = 0x01;
const REPLACEMENT_CHARACTER = 0xfffd;

const isHigh = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;
const isLow = (unit: number): boolean => unit >= 0xdc00 && unit <= 0xdfff;
const isSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdfff;

/** Order of the UTF-8 encodings of two strings (which is code point order). */
export function compareUtf8(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Outside the surrogates, code units order like code points (and UTF-8 bytes).
    if (!isSurrogate(x) && !isSurrogate(y)) return x < y ? -1 : 1;
    // Otherwise compare the bytes from the start of the code point that differs.
    const from = i > 0 && isHigh(a.charCodeAt(i - 1)) ? i - 1 : i;
    return Buffer.compare(Buffer.from(a.slice(from)), Buffer.from(b.slice(from)));
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function writeByte(out: ByteWriter, byte: number): void {
  if (byte <= ESCAPE) {
    out.byte(ESCAPE);
    out.byte(byte + 1);
  } else out.byte(byte);
}

/** Writes `text` as escaped UTF-8 followed by the terminator. */
export function writeEscapedUtf8(text: string, out: ByteWriter): void {
  out.reserve(text.length + 1);
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp < 0x80) {
      writeByte(out, cp);
      continue;
    }
    if (isHigh(cp) && i + 1 < text.length && isLow(text.charCodeAt(i + 1))) {
      cp = 0x10000 + ((cp - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
    } else if (isHigh(cp) || isLow(cp)) cp = REPLACEMENT_CHARACTER;
    out.reserve(4);
    if (cp < 0x800) {
      out.byte(0xc0 | (cp >> 6));
    } else if (cp < 0x10000) {
      out.byte(0xe0 | (cp >> 12));
      out.byte(0x80 | ((cp >> 6) & 0x3f));
    } else {
      out.byte(0xf0 | (cp >> 18));
      out.byte(0x80 | ((cp >> 12) & 0x3f));
      out.byte(0x80 | ((cp >> 6) & 0x3f));
    }
    out.byte(0x80 | (cp & 0x3f));
  }
  out.byte(STRING_TERMINATOR);
}

/** Reads an escaped string starting at `start`; returns it and the offset after its terminator. */
export function readEscapedUtf8(bytes: Uint8Array, start: number): { text: string; end: number } {
  const raw: number[] = [];
  let i = start;
  for (; i < bytes.length && bytes[i] !== STRING_TERMINATOR; i++) {
    raw.push(bytes[i] === ESCAPE ? bytes[++i]! - 1 : bytes[i]!);
  }
  if (i >= bytes.length) throw new RangeError('escaped string is not terminated');
  return { text: Buffer.from(raw).toString('utf8'), end: i + 1 };
}

/** Offset just after the terminator of the escaped string starting at `start` (or -1). */
export function skipEscaped(bytes: Uint8Array, start: number, limit: number): number {
  for (let i = start; i < limit; i++) if (bytes[i] === STRING_TERMINATOR) return i + 1;
  return -1;
}

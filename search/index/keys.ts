/**
 * Binary keys of the search index tables. Strings are UTF-8 with 0x00 and 0x01 escaped
 * and a 0x00 terminator, so a composite key (field, term, bucket) sorts field first,
 * then term in code-point order, and a field's or a term's keys form one contiguous
 * range. Doc numbers and buckets are 4-byte big-endian; doubles are encoded so that
 * byte order equals numeric order.
 */
import type { Bytes } from '../../views/index.js';

const TERMINATOR = 0x00;
const ESCAPE = 0x01;

/** Writes `text` as an escaped, terminated string. */
export function stringKey(text: string): Bytes {
  const utf8 = Buffer.from(text, 'utf8');
  let escapes = 0;
  for (const byte of utf8) if (byte <= ESCAPE) escapes++;
  const out = Buffer.allocUnsafe(utf8.length + escapes + 1);
  let at = 0;
  for (const byte of utf8) {
    if (byte <= ESCAPE) {
      out[at++] = ESCAPE;
      out[at++] = byte + 1;
    } else out[at++] = byte;
  }
  out[at] = TERMINATOR;
  return out;
}

/** Reads an escaped string starting at `offset`; returns it and the offset after its terminator. */
export function readStringKey(key: Bytes, offset = 0): { text: string; next: number } {
  const bytes: number[] = [];
  let at = offset;
  while (at < key.length && key[at] !== TERMINATOR) {
    const byte = key[at++]!;
    bytes.push(byte === ESCAPE ? key[at++]! - 1 : byte);
  }
  return { text: Buffer.from(bytes).toString('utf8'), next: at + 1 };
}

export function u32Key(value: number): Bytes {
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32BE(value >>> 0, 0);
  return out;
}

export function readU32Key(key: Bytes, offset: number): number {
  return ((key[offset]! << 24) | (key[offset + 1]! << 16) | (key[offset + 2]! << 8) | key[offset + 3]!) >>> 0;
}

/** 8 bytes whose unsigned order is the numeric order of `value` (-0 sorts with 0). */
export function doubleKey(value: number): Bytes {
  const out = Buffer.allocUnsafe(8);
  out.writeDoubleBE(value === 0 ? 0 : value, 0);
  if (out[0]! & 0x80) for (let i = 0; i < 8; i++) out[i] = ~out[i]! & 0xff;
  else out[0] = out[0]! | 0x80;
  return out;
}

export function readDoubleKey(key: Bytes, offset: number): number {
  const bytes = Buffer.from(key.subarray(offset, offset + 8));
  if (bytes[0]! & 0x80) bytes[0] = bytes[0]! & 0x7f;
  else for (let i = 0; i < 8; i++) bytes[i] = ~bytes[i]! & 0xff;
  return bytes.readDoubleBE(0);
}

export function concat(...parts: Bytes[]): Bytes {
  return Buffer.concat(parts);
}

/** The smallest key greater than every key starting with `prefix`. */
export function prefixEnd(prefix: Bytes): Bytes {
  const bytes = Buffer.from(prefix);
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i]! < 0xff) {
      bytes[i]!++;
      return bytes.subarray(0, i + 1);
    }
  }
  return Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
}

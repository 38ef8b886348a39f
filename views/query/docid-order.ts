/**
 * The order of document ids: raw bytes of their UTF-8 encoding, as CouchDB compares the
 * binaries. UTF-8 byte order is code-point order, which differs from JavaScript's `<`
 * (UTF-16 code units) once a string holds characters above U+FFFF: `"\u{10000}" <
 * "\uFFFF"` in JS, but its UTF-8 bytes (F0 ...) sort after those of U+FFFF (EF ...).
 */

const HIGH_SURROGATE_FIRST = 0xd800;
const HIGH_SURROGATE_LAST = 0xdbff;
const LOW_SURROGATE_FIRST = 0xdc00;
const LOW_SURROGATE_LAST = 0xdfff;
const FIRST_ASTRAL_CODE_POINT = 0x10000;
/** Each half of a surrogate pair carries ten bits of the code point. */
const SURROGATE_HALF_SPAN = 0x400;
/** What Node's UTF-8 encoder writes for an unpaired surrogate (U+FFFD, bytes EF BF BD). */
const REPLACEMENT_CHARACTER = 0xfffd;

/** A docid bound above every real id: CouchDB's `<<255>>`, a byte no UTF-8 text contains. */
export const AFTER_ALL_IDS: unique symbol = Symbol('after all doc ids');
/** The lowest bound is simply the empty id `""`, which sorts before every other id. */
export const BEFORE_ALL_IDS = '';

export type DocIdBound = string | typeof AFTER_ALL_IDS;

/**
 * Compares two doc ids by the bytes of their UTF-8 encoding: -1, 0 or 1.
 *
 * @example compareDocIds('\u{10000}', '\uFFFF') // 1, although '\u{10000}' < '\uFFFF' in JS
 */
export function compareDocIds(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const left = codePointAt(a, i);
    const right = codePointAt(b, j);
    if (left !== right) return left < right ? -1 : 1;
    i += left >= FIRST_ASTRAL_CODE_POINT ? 2 : 1;
    j += right >= FIRST_ASTRAL_CODE_POINT ? 2 : 1;
  }
  if (i < a.length) return 1;
  if (j < b.length) return -1;
  return 0;
}

/** Compares docid bounds, where `AFTER_ALL_IDS` is above every string. */
export function compareDocIdBounds(a: DocIdBound, b: DocIdBound): number {
  if (a === AFTER_ALL_IDS) return b === AFTER_ALL_IDS ? 0 : 1;
  if (b === AFTER_ALL_IDS) return -1;
  return compareDocIds(a, b);
}

/** The code point at `index`, reading an unpaired surrogate as U+FFFD as the encoder does. */
function codePointAt(text: string, index: number): number {
  const unit = text.charCodeAt(index);
  if (unit < HIGH_SURROGATE_FIRST || unit > LOW_SURROGATE_LAST) return unit;
  if (unit <= HIGH_SURROGATE_LAST && index + 1 < text.length) {
    const next = text.charCodeAt(index + 1);
    if (next >= LOW_SURROGATE_FIRST && next <= LOW_SURROGATE_LAST) {
      return (unit - HIGH_SURROGATE_FIRST) * SURROGATE_HALF_SPAN + (next - LOW_SURROGATE_FIRST) + FIRST_ASTRAL_CODE_POINT;
    }
  }
  return REPLACEMENT_CHARACTER;
}

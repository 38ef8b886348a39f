/**
 * The packed collation-element format shared by the weight generator and the runtime
 * table. One `Uint32` describes what a code point contributes to a sort key:
 *
 *   bits 28–31  kind (see `CeKind`)
 *   bits  8–27  payload: primary rank, secondary slot, or expansion offset
 *   bits  0–7   tertiary slot, or expansion length
 *
 * Ranks and slots are small integers, not ICU's byte weights: `sort-key.ts` turns them
 * into bytes. Slot 0 is the "common" weight of a level, which is also its minimum.
 */

export const CeKind = {
  /** Contributes nothing at any level (U+200B, most controls). */
  ignorable: 0,
  /** A primary weight (payload = rank, 1-based) with a common secondary. */
  primary: 1,
  /** Primary-ignorable: a secondary weight only (combining marks). */
  secondary: 2,
  /** Primary- and secondary-ignorable: a tertiary weight only. */
  tertiary: 3,
  /** Several elements, stored in the expansion array (payload = offset). */
  expansion: 4,
  /** No explicit weight: the primary is derived from the code point (unassigned, private use). */
  implicit: 5,
} as const;

export type CeKindValue = (typeof CeKind)[keyof typeof CeKind];

const KIND_SHIFT = 28;
const PAYLOAD_SHIFT = 8;
const PAYLOAD_MASK = 0xf_ffff;
const LOW_MASK = 0xff;

/** Tertiary slots are written as one byte from 0x02 up (`sort-key.ts`), so at most 253. */
export const MAX_TERTIARY_SLOT = 0xff - 0x02;

export function packCe(kind: CeKindValue, payload: number, low: number): number {
  if (payload < 0 || payload > PAYLOAD_MASK || low < 0 || low > LOW_MASK) {
    throw new RangeError(`collation element out of range: kind ${kind}, payload ${payload}, low ${low}`);
  }
  return ((kind << KIND_SHIFT) | (payload << PAYLOAD_SHIFT) | low) >>> 0;
}

export function ceKind(ce: number): CeKindValue {
  return (ce >>> KIND_SHIFT) as CeKindValue;
}

export function cePayload(ce: number): number {
  return (ce >>> PAYLOAD_SHIFT) & PAYLOAD_MASK;
}

export function ceLow(ce: number): number {
  return ce & LOW_MASK;
}

/** Code points 0..MAIN_PLANES_END-1 (planes 0–3: BMP, SMP, all Han extensions) are in the main table. */
export const MAIN_PLANES_END = 0x4_0000;
/** Plane 14 (tags, variation selectors) is in a small second table. */
export const TAGS_START = 0xe_0000;
export const TAGS_END = 0xe_1000;

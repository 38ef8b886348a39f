/**
 * Per-bucket columns (doc values): one block per (kind, field, bucket) holding a value
 * for each of the bucket's BUCKET_SIZE slots. String columns are dictionary-encoded
 * (a sorted dictionary, then per slot a run of ordinals), so counting facets over a
 * bucket touches typed arrays only. Number columns are Float64 (NaN = no value); the
 * live column is a bitmap of the slots that hold a document; norms hold each document's
 * field length and boost. The suggest column (one key per document, not per bucket)
 * keeps the text of `suggest: true` fields, from which the suggester is rebuilt.
 */
import { BUCKET_SIZE } from './postings-block.js';
import { compareCodePoints } from './document.js';

/** The column kinds, as the first byte of a column key. */
export const COLUMN = { live: 0x6c, id: 0x69, number: 0x6e, sortString: 0x73, facet: 0x66, suggest: 0x67 } as const;

export interface StringColumnBlock {
  dict: string[];
  /** Uint32 per slot + 1: slot s has ordinals ords[starts[s] .. starts[s+1]) */
  starts: Uint8Array;
  ords: Uint8Array;
}

export interface DecodedStrings {
  dict: string[];
  starts: Uint32Array;
  ords: Uint32Array;
}

export function decodeStrings(block: StringColumnBlock): DecodedStrings {
  return { dict: block.dict, starts: uint32s(block.starts), ords: uint32s(block.ords) };
}

/** Slot → values, for editing. */
export function explodeStrings(block: StringColumnBlock | undefined): Array<string[] | undefined> {
  const slots: Array<string[] | undefined> = new Array(BUCKET_SIZE).fill(undefined);
  if (!block) return slots;
  const { dict, starts, ords } = decodeStrings(block);
  for (let slot = 0; slot < BUCKET_SIZE; slot++) {
    if (starts[slot + 1]! > starts[slot]!) slots[slot] = Array.from(ords.subarray(starts[slot]!, starts[slot + 1]!), (ord) => dict[ord]!);
  }
  return slots;
}

/** Undefined when no slot has a value (the block is deleted). */
export function packStrings(slots: ReadonlyArray<readonly string[] | undefined>): StringColumnBlock | undefined {
  const distinct = new Set<string>();
  for (const values of slots) for (const value of values ?? []) distinct.add(value);
  if (distinct.size === 0) return undefined;
  const dict = [...distinct].sort(compareCodePoints);
  const ordOf = new Map(dict.map((value, ord) => [value, ord]));
  const starts = new Uint32Array(BUCKET_SIZE + 1);
  const ords: number[] = [];
  for (let slot = 0; slot < BUCKET_SIZE; slot++) {
    starts[slot] = ords.length;
    const slotOrds = [...new Set(slots[slot] ?? [])].map((value) => ordOf.get(value)!);
    ords.push(...slotOrds.sort((a, b) => a - b));
  }
  starts[BUCKET_SIZE] = ords.length;
  return { dict, starts: bytesOf(starts), ords: bytesOf(Uint32Array.from(ords)) };
}

export function emptyNumbers(): Float64Array {
  return new Float64Array(BUCKET_SIZE).fill(Number.NaN);
}

export function decodeNumbers(block: Uint8Array | undefined): Float64Array {
  if (!block) return emptyNumbers();
  const copy = new Uint8Array(block);
  return new Float64Array(copy.buffer, 0, BUCKET_SIZE);
}

export function hasAnyNumber(values: Float64Array): boolean {
  return values.some((value) => !Number.isNaN(value));
}

export interface NormsBlock {
  /** Float32 per slot: the field's length (NaN: no norms; 0: no such field) */
  length: Uint8Array;
  /** Float32 per slot, present when some document has a boost other than 1 */
  boost?: Uint8Array;
}

export interface DecodedNorms {
  length: Float32Array;
  boost: Float32Array | undefined;
}

export function decodeNorms(block: NormsBlock | undefined): DecodedNorms {
  if (!block) return { length: new Float32Array(BUCKET_SIZE), boost: undefined };
  return { length: float32s(block.length), boost: block.boost ? float32s(block.boost) : undefined };
}

export function packNorms(norms: DecodedNorms): NormsBlock | undefined {
  if (!norms.length.some((length) => length !== 0)) return undefined;
  const boosted = norms.boost?.some((boost, slot) => boost !== 1 && norms.length[slot] !== 0);
  return boosted ? { length: bytesOf(norms.length), boost: bytesOf(norms.boost!) } : { length: bytesOf(norms.length) };
}

export function bytesOf(array: Uint32Array | Float32Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Typed views need aligned offsets; stored buffers are copied once. */
function uint32s(bytes: Uint8Array): Uint32Array {
  const copy = new Uint8Array(bytes);
  return new Uint32Array(copy.buffer, 0, copy.byteLength / 4);
}

function float32s(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes);
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}

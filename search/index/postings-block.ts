/**
 * One postings block: the documents of one bucket (BUCKET_SIZE consecutive doc numbers)
 * that contain one term of one field, with each document's term frequency and positions.
 * Packed as varints in three sections — slot gaps, frequencies, position gaps — so a
 * plain term query decodes the first two and never touches positions. Edits work on
 * three flat arrays (no per-document objects), appending at the end in the common case
 * of a bulk build that hands out doc numbers in order.
 */
import { VarintReader, VarintWriter } from './varint.js';

/** Doc numbers per bucket: the unit of postings, norms and doc-value blocks. */
export const BUCKET_SIZE = 256;
export const BUCKET_SHIFT = 8;

export const bucketOf = (doc: number): number => doc >>> BUCKET_SHIFT;
export const slotOf = (doc: number): number => doc & (BUCKET_SIZE - 1);

/** A decoded block: slots ascending, their frequencies, and all positions in slot order. */
export interface PostingEntries {
  slots: number[];
  freqs: number[];
  positions: number[];
}

export const emptyPostings = (): PostingEntries => ({ slots: [], freqs: [], positions: [] });

export function encodePostings(entries: PostingEntries): Uint8Array {
  const writer = new VarintWriter();
  const { slots, freqs, positions } = entries;
  writer.write(slots.length);
  let previous = 0;
  for (const slot of slots) {
    writer.write(slot - previous);
    previous = slot;
  }
  for (const freq of freqs) writer.write(freq);
  let at = 0;
  for (const freq of freqs) {
    let last = 0;
    for (let i = 0; i < freq; i++) {
      const position = positions[at++]!;
      writer.write(position - last);
      last = position;
    }
  }
  return writer.finish();
}

/** Slots only (what a constant-score query needs). */
export function decodeSlots(block: Uint8Array): Uint32Array {
  const reader = new VarintReader(block);
  const slots = new Uint32Array(reader.read());
  let slot = 0;
  for (let i = 0; i < slots.length; i++) slots[i] = slot += reader.read();
  return slots;
}

/** Slots and frequencies only (what a term query scores with). */
export function decodeFrequencies(block: Uint8Array): { slots: Uint32Array; freqs: Uint32Array; reader: VarintReader } {
  const reader = new VarintReader(block);
  const count = reader.read();
  const slots = new Uint32Array(count);
  const freqs = new Uint32Array(count);
  let slot = 0;
  for (let i = 0; i < count; i++) slots[i] = slot += reader.read();
  for (let i = 0; i < count; i++) freqs[i] = reader.read();
  return { slots, freqs, reader };
}

export function decodePostings(block: Uint8Array): PostingEntries {
  const { slots, freqs, reader } = decodeFrequencies(block);
  const positions: number[] = [];
  for (const freq of freqs) {
    let position = 0;
    for (let j = 0; j < freq; j++) positions.push((position += reader.read()));
  }
  return { slots: Array.from(slots), freqs: Array.from(freqs), positions };
}

/** Inserts or replaces `slot`'s positions, keeping slots sorted. */
export function setPosting(entries: PostingEntries, slot: number, positions: readonly number[]): void {
  const { slots, freqs } = entries;
  if (slots.length === 0 || slots[slots.length - 1]! < slot) {
    slots.push(slot);
    freqs.push(positions.length);
    for (const position of positions) entries.positions.push(position);
    return;
  }
  const at = lowerBound(slots, slot);
  const offset = positionOffset(entries, at);
  const replaced = slots[at] === slot ? freqs[at]! : 0;
  if (replaced) freqs[at] = positions.length;
  else {
    slots.splice(at, 0, slot);
    freqs.splice(at, 0, positions.length);
  }
  entries.positions.splice(offset, replaced, ...positions);
}

export function removePosting(entries: PostingEntries, slot: number): void {
  const at = lowerBound(entries.slots, slot);
  if (entries.slots[at] !== slot) return;
  entries.positions.splice(positionOffset(entries, at), entries.freqs[at]!);
  entries.slots.splice(at, 1);
  entries.freqs.splice(at, 1);
}

function positionOffset(entries: PostingEntries, index: number): number {
  let offset = 0;
  for (let i = 0; i < index; i++) offset += entries.freqs[i]!;
  return offset;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

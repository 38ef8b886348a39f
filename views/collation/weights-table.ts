/**
 * The run-time form of the collation weights and its compact serialization. The
 * generator packs measured weights with `packTable` and embeds `serializeTable`'s string
 * in `weights.generated.ts`; the run time rebuilds the arrays with `deserializeTable`
 * (a few milliseconds, done once, on first use).
 *
 * Serialized form: base64 of brotli-compressed little-endian `Uint32`s:
 *   [format, primaryCount, mainLength, tagsLength, expansionLength,
 *    main (delta-coded), tags (delta-coded), expansions]
 * Delta coding turns runs of consecutive ranks (Han, alphabets) into repeated values
 * that brotli compresses well.
 */
import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import { CeKind, MAIN_PLANES_END, MAX_TERTIARY_SLOT, TAGS_END, TAGS_START, packCe } from './ce-format.js';
import type { Ce, UnitWeights } from './weights-measure.js';

export const TABLE_FORMAT = 1;
const HEADER_WORDS = 5;

/** Code point ranges: a prevowel followed by one of these consonants sorts after it. */
export type ReorderPairs = readonly (readonly [prevowel: number, consonants: readonly (readonly [number, number])[]])[];

export interface CollationTable {
  /** Explicit primary ranks are 1..primaryCount; U+FFFD and U+FFFF come after implicit weights. */
  readonly primaryCount: number;
  /** Packed elements for code points below `MAIN_PLANES_END`. */
  readonly main: Uint32Array;
  /** Packed elements for plane 14 (`TAGS_START`..`TAGS_END`). */
  readonly tags: Uint32Array;
  readonly expansions: Uint32Array;
  /** Precomposed letters that contract, and the first code points of their decompositions. */
  readonly contractions: ReadonlySet<number>;
  readonly contractionStarters: ReadonlySet<number>;
  /** Letter sequences that collate as one letter without being canonically equivalent (ํา = ำ). */
  readonly sequences: readonly { readonly spelling: string; readonly letter: string }[];
  readonly sequenceStarters: ReadonlySet<number>;
  /** Logical-order exceptions (Thai, Lao, Tai Viet, New Tai Lue prevowels). */
  readonly prevowels: ReadonlyMap<number, ReadonlySet<number>>;
}

function packElement(ce: Ce): number {
  if (ce.tertiary > MAX_TERTIARY_SLOT) throw new RangeError(`tertiary slot ${ce.tertiary} does not fit one byte`);
  if (ce.primary > 0) {
    if (ce.secondary !== 0) throw new Error('a primary element must have a common secondary');
    return packCe(CeKind.primary, ce.primary, ce.tertiary);
  }
  if (ce.secondary > 0) return packCe(CeKind.secondary, ce.secondary, ce.tertiary);
  return packCe(CeKind.tertiary, 0, ce.tertiary);
}

/** What the generated file holds besides the weights themselves. */
export interface TableExtras {
  readonly reorder: ReorderPairs;
  readonly contractions: readonly number[];
  /** Letters whose compatibility decomposition (NFKD) collates as the letter itself. */
  readonly sequences: readonly number[];
}

export function packTable(primaryCount: number, units: ReadonlyMap<number, UnitWeights>, extras: TableExtras): CollationTable {
  const expansions: number[] = [];
  const pack = (cp: number): number => {
    const unit = units.get(cp);
    if (unit === undefined || unit === 'implicit') return packCe(CeKind.implicit, 0, 0);
    if (unit.length === 0) return packCe(CeKind.ignorable, 0, 0);
    if (unit.length === 1) return packElement(unit[0]!);
    const offset = expansions.length;
    expansions.push(...unit.map(packElement));
    return packCe(CeKind.expansion, offset, unit.length);
  };
  const main = Uint32Array.from({ length: MAIN_PLANES_END }, (_, cp) => pack(cp));
  const tags = Uint32Array.from({ length: TAGS_END - TAGS_START }, (_, i) => pack(TAGS_START + i));
  return { primaryCount, main, tags, expansions: Uint32Array.from(expansions), ...lookups(extras) };
}

type Lookups = Pick<CollationTable, 'prevowels' | 'contractions' | 'contractionStarters' | 'sequences' | 'sequenceStarters'>;

function lookups(extras: TableExtras): Lookups {
  const prevowels = new Map<number, Set<number>>();
  for (const [prevowel, ranges] of extras.reorder) {
    const consonants = new Set<number>();
    for (const [first, last] of ranges) for (let cp = first; cp <= last; cp++) consonants.add(cp);
    prevowels.set(prevowel, consonants);
  }
  const starters = extras.contractions.map((cp) => String.fromCodePoint(cp).normalize('NFD').codePointAt(0)!);
  const sequences = extras.sequences.map((cp) => {
    const letter = String.fromCodePoint(cp);
    return { spelling: letter.normalize('NFKD'), letter };
  });
  return {
    prevowels,
    contractions: new Set(extras.contractions),
    contractionStarters: new Set(starters),
    sequences,
    sequenceStarters: new Set(sequences.map((q) => q.spelling.codePointAt(0)!)),
  };
}

export function serializeTable(table: CollationTable): string {
  const { main, tags, expansions } = table;
  const words = new Uint32Array(HEADER_WORDS + main.length + tags.length + expansions.length);
  words.set([TABLE_FORMAT, table.primaryCount, main.length, tags.length, expansions.length]);
  let at = HEADER_WORDS;
  for (const part of [main, tags]) {
    for (let i = 0; i < part.length; i++) words[at + i] = (part[i]! - (i > 0 ? part[i - 1]! : 0)) >>> 0;
    at += part.length;
  }
  words.set(expansions, at);
  const view = new DataView(new ArrayBuffer(words.length * 4));
  words.forEach((w, i) => view.setUint32(i * 4, w, true));
  const quality = { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY };
  return brotliCompressSync(new Uint8Array(view.buffer), { params: quality }).toString('base64');
}

export function deserializeTable(serialized: string, extras: TableExtras): CollationTable {
  const bytes = brotliDecompressSync(Buffer.from(serialized, 'base64'));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const word = (i: number): number => view.getUint32(i * 4, true);
  const [format, primaryCount, mainLength, tagsLength, expansionLength] = [0, 1, 2, 3, 4].map(word) as [number, number, number, number, number];
  if (format !== TABLE_FORMAT) throw new Error(`collation table format ${format}, expected ${TABLE_FORMAT}`);
  let at = HEADER_WORDS;
  const undelta = (length: number): Uint32Array => {
    const out = new Uint32Array(length);
    let previous = 0;
    for (let i = 0; i < length; i++) out[i] = previous = (previous + word(at + i)) >>> 0;
    at += length;
    return out;
  };
  const main = undelta(mainLength);
  const tags = undelta(tagsLength);
  const expansions = new Uint32Array(expansionLength);
  for (let i = 0; i < expansionLength; i++) expansions[i] = word(at + i);
  return { primaryCount, main, tags, expansions, ...lookups(extras) };
}

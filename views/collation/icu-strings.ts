/**
 * ICU root collation of strings, from the generated weight table: sort keys for the key
 * codec and a comparator for `collate`. Both read the same sort keys, so comparing
 * strings in memory always agrees with the byte order of stored keys.
 *
 * The table is decoded on first use (about 15 ms), not at import, so start-up pays
 * nothing when no view uses ICU strings.
 */
import { ByteWriter, compareBytes } from './byte-writer.js';
import { createSortKeyWriter, type SortKeyWriter } from './sort-key.js';
import { deserializeTable } from './weights-table.js';
import { MEASURED_WITH, TABLE_EXTRAS, TABLE_VERSION, WEIGHTS } from './weights.generated.js';

let writer: SortKeyWriter | undefined;
const left = new ByteWriter();
const right = new ByteWriter();

/**
 * Identity of the string order: the table's model version, the ICU it was measured
 * from, and the Unicode version of this Node's normalizer (which decides canonical
 * equivalence at run time). An index built under another identity must be rebuilt.
 */
export const COLLATOR_VERSION = `settee-icu-root-${TABLE_VERSION}/icu-${MEASURED_WITH.icu}/unicode-${MEASURED_WITH.unicode}/nfc-${process.versions.unicode}`;

/** Appends the sort key of `text` (self-terminated by 0x00) to `out`. */
export function writeIcuSortKey(text: string, out: ByteWriter): void {
  writer ??= createSortKeyWriter(deserializeTable(WEIGHTS, TABLE_EXTRAS));
  writer(text, out);
}

/** The sort key of `text` as its own byte array. */
export function icuSortKey(text: string): Uint8Array {
  left.reset();
  writeIcuSortKey(text, left);
  return left.toBytes();
}

/** ICU root order of two strings: -1, 0 (collation-equal) or 1. */
export function compareIcuStrings(a: string, b: string): number {
  if (a === b) return 0;
  left.reset();
  right.reset();
  writeIcuSortKey(a, left);
  writeIcuSortKey(b, right);
  return compareBytes(left.bytes.subarray(0, left.length), right.bytes.subarray(0, right.length));
}

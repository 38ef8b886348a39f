/**
 * Facets over every match, not just the page: `counts` (documents per value of a
 * `facet: true` string field), `ranges` (documents per labelled numeric range) and
 * `drilldown` (keep documents whose facet value is one of the given values: OR within a
 * dimension, AND across dimensions). All read per-bucket doc-value columns.
 */
import { COLUMN } from './columns.js';
import { compareCodePoints } from './document.js';
import { BUCKET_SHIFT } from './postings-block.js';
import type { Hits } from './hits.js';
import type { IndexReader } from './reader.js';

export interface NumericRange {
  readonly min: number;
  readonly max: number;
  readonly minInclusive: boolean;
  readonly maxInclusive: boolean;
}

/** field → label → range */
export type RangeFacets = ReadonlyMap<string, ReadonlyMap<string, NumericRange>>;

export function countFacets(reader: IndexReader, hits: Hits, fields: readonly string[]): Record<string, Record<string, number>> {
  const result: Record<string, Record<string, number>> = {};
  for (const field of fields) {
    const totals = new Map<string, number>();
    forEachBucket(hits, (bucket, slots) => {
      const column = reader.stringColumn(COLUMN.facet, field, bucket);
      if (!column) return;
      const counts = new Uint32Array(column.dict.length);
      for (const slot of slots) {
        let previous = -1;
        for (let i = column.starts[slot]!; i < column.starts[slot + 1]!; i++) {
          const ord = column.ords[i]!;
          if (ord !== previous) counts[ord]!++;
          previous = ord;
        }
      }
      counts.forEach((count, ord) => count > 0 && totals.set(column.dict[ord]!, (totals.get(column.dict[ord]!) ?? 0) + count));
    });
    const sorted = [...totals].sort((a, b) => b[1] - a[1] || compareCodePoints(a[0], b[0]));
    result[field] = Object.fromEntries(sorted);
  }
  return result;
}

export function countRanges(reader: IndexReader, hits: Hits, ranges: RangeFacets): Record<string, Record<string, number>> {
  const result: Record<string, Record<string, number>> = {};
  for (const [field, labels] of ranges) {
    const counts = new Map([...labels.keys()].map((label) => [label, 0]));
    forEachBucket(hits, (bucket, slots) => {
      const values = reader.numberColumn(field, bucket);
      for (const slot of slots) {
        const value = values[slot]!;
        if (Number.isNaN(value)) continue;
        for (const [label, range] of labels) if (inRange(value, range)) counts.set(label, counts.get(label)! + 1);
      }
    });
    result[field] = Object.fromEntries(counts);
  }
  return result;
}

export function inRange(value: number, range: NumericRange): boolean {
  if (value < range.min || (value === range.min && !range.minInclusive)) return false;
  return value < range.max || (value === range.max && range.maxInclusive);
}

/** Keeps the hits whose facet values satisfy every dimension (`[dim, value, value, ...]`). */
export function drillDown(reader: IndexReader, hits: Hits, dimensions: ReadonlyArray<readonly string[]>): Hits {
  if (dimensions.length === 0) return hits;
  const keep = new Uint8Array(hits.docs.length);
  let kept = 0;
  let index = 0;
  forEachBucket(hits, (bucket, slots) => {
    const columns = dimensions.map(([field]) => reader.stringColumn(COLUMN.facet, field!, bucket));
    for (const slot of slots) {
      const matches = dimensions.every((dimension, d) => {
        const column = columns[d];
        if (!column) return false;
        for (let i = column.starts[slot]!; i < column.starts[slot + 1]!; i++) if (dimension.indexOf(column.dict[column.ords[i]!]!, 1) > 0) return true;
        return false;
      });
      if (matches) {
        keep[index] = 1;
        kept++;
      }
      index++;
    }
  });
  const docs = new Uint32Array(kept);
  const scores = new Float64Array(kept);
  for (let i = 0, n = 0; i < hits.docs.length; i++) {
    if (!keep[i]) continue;
    docs[n] = hits.docs[i]!;
    scores[n++] = hits.scores[i]!;
  }
  return { docs, scores };
}

/** Calls `visit` once per bucket with the slots of the hits in it, in hit order. */
function forEachBucket(hits: Hits, visit: (bucket: number, slots: number[]) => void): void {
  let bucket = -1;
  let slots: number[] = [];
  for (const doc of hits.docs) {
    const next = doc >>> BUCKET_SHIFT;
    if (next !== bucket) {
      if (slots.length) visit(bucket, slots);
      bucket = next;
      slots = [];
    }
    slots.push(doc - (next << BUCKET_SHIFT));
  }
  if (slots.length) visit(bucket, slots);
}

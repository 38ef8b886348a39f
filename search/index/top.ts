/**
 * The page of a result: the first `limit` hits in sort order strictly after the
 * bookmark's position, chosen with a bounded heap (O(n log limit)) so a page of 25 out of
 * 100,000 matches never sorts them all. Ties on the sort values break by document id.
 */
import { compareCodePoints } from './document.js';
import type { Hits } from './hits.js';
import type { IndexReader } from './reader.js';
import { compareValue, compareValues, sortValue, sortValues, type SortField, type SortValue } from './sort.js';
import type { BookmarkPosition } from './bookmark.js';

export interface RankedHit {
  doc: number;
  score: number;
  values: SortValue[];
  id: string;
}

export interface TopOptions {
  sort: readonly SortField[];
  limit: number;
  after?: BookmarkPosition | undefined;
}

export function rankHit(reader: IndexReader, sort: readonly SortField[], doc: number, score: number): RankedHit {
  return { doc, score, values: sortValues(sort, reader, doc, score), id: reader.idOf(doc) };
}

export function rankComparator(sort: readonly SortField[]): (a: { values: SortValue[]; id: string }, b: { values: SortValue[]; id: string }) => number {
  return (a, b) => compareValues(sort, a.values, b.values) || compareCodePoints(a.id, b.id);
}

/**
 * Above this share of the index, a constant-score result sorted by relevance (so by id)
 * is paged by walking the id table in order instead of ranking every hit.
 */
const ID_WALK_SHARE = 0.05;

export function topHits(reader: IndexReader, hits: Hits, options: TopOptions): RankedHit[] {
  if (options.limit <= 0 || hits.docs.length === 0) return [];
  if (orderedById(hits, options) && hits.docs.length > ID_WALK_SHARE * reader.docCount()) return walkIds(reader, hits, options);
  const compare = rankComparator(options.sort);
  const first = options.sort[0]!;
  const heap: RankedHit[] = [];
  for (let i = 0; i < hits.docs.length; i++) {
    if (heap.length === options.limit || options.after) {
      const value = sortValue(first, reader, hits.docs[i]!, hits.scores[i]!);
      if (heap.length === options.limit && compareValue(first, value, heap[0]!.values[0]!) > 0) continue;
      if (options.after && compareValue(first, value, options.after.values[0] ?? null) < 0) continue;
    }
    const hit = rankHit(reader, options.sort, hits.docs[i]!, hits.scores[i]!);
    if (options.after && compare(hit, options.after) <= 0) continue;
    if (heap.length < options.limit) heapPush(heap, hit, compare);
    else if (compare(hit, heap[0]!) < 0) heapReplaceTop(heap, hit, compare);
  }
  return heap.sort(compare);
}

/** Sorted by score alone with every score equal: the order is the id order. */
function orderedById(hits: Hits, options: TopOptions): boolean {
  if (options.sort.length !== 1 || options.sort[0]!.kind !== 'score') return false;
  const score = hits.scores[0]!;
  if (options.after && options.after.values[0] !== score) return false;
  return hits.scores.every((value) => value === score);
}

function walkIds(reader: IndexReader, hits: Hits, options: TopOptions): RankedHit[] {
  const member = new Uint8Array(reader.maxDoc());
  for (const doc of hits.docs) member[doc] = 1;
  const score = hits.scores[0]!;
  const page: RankedHit[] = [];
  const start = options.after ? Buffer.from(options.after.id, 'utf8') : undefined;
  for (const { key, value: doc } of reader.tables.ids.range(start ? { start } : {})) {
    if (!member[doc]) continue;
    const id = Buffer.from(key).toString('utf8');
    if (options.after && id === options.after.id) continue;
    page.push({ doc, score, values: [score], id });
    if (page.length === options.limit) break;
  }
  return page;
}

type Compare<T> = (a: T, b: T) => number;

/** A max-heap under `compare`: the worst kept hit is on top. */
function heapPush<T>(heap: T[], item: T, compare: Compare<T>): void {
  heap.push(item);
  let at = heap.length - 1;
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (compare(heap[at]!, heap[parent]!) <= 0) break;
    [heap[at], heap[parent]] = [heap[parent]!, heap[at]!];
    at = parent;
  }
}

function heapReplaceTop<T>(heap: T[], item: T, compare: Compare<T>): void {
  heap[0] = item;
  let at = 0;
  for (;;) {
    const left = at * 2 + 1;
    const right = left + 1;
    let largest = at;
    if (left < heap.length && compare(heap[left]!, heap[largest]!) > 0) largest = left;
    if (right < heap.length && compare(heap[right]!, heap[largest]!) > 0) largest = right;
    if (largest === at) return;
    [heap[at], heap[largest]] = [heap[largest]!, heap[at]!];
    at = largest;
  }
}

/**
 * Phrase queries over positional postings. A document matches where every term occurs
 * at its phrase offset from one start position (slop 0), or, with slop, where positions
 * shifted by their offsets fall within a window of `slop` moves (so "b a"~2 matches
 * "a b", as in Lucene). Sloppy matches weigh 1/(distance + 1); the score is BM25 with
 * the phrase frequency as tf and the sum of the terms' idf, as Lucene scores phrases.
 * Blocks are intersected by merging their sorted slots; positions are read in place.
 */
import { fieldScorer, idf } from './bm25.js';
import { NO_HITS, type Hits } from './hits.js';
import type { PhraseTerm } from './plan.js';
import { BUCKET_SHIFT, decodePostings, type PostingEntries } from './postings-block.js';
import type { IndexReader } from './reader.js';

/** A run of one document's positions inside a decoded block. */
export interface PositionRun {
  positions: readonly number[];
  start: number;
  count: number;
}

export function phraseHits(reader: IndexReader, field: string, terms: readonly PhraseTerm[], options: { slop: number; boost: number }): Hits {
  const docFreqs = terms.map(({ term }) => reader.docFreq(field, term));
  if (terms.length === 0 || docFreqs.some((count) => count === 0)) return NO_HITS;
  const fieldDocs = reader.fieldStats(field).docs;
  const scorer = fieldScorer(reader, field, options.boost * docFreqs.reduce((sum, count) => sum + idf(fieldDocs, count), 0));
  const rarest = docFreqs.indexOf(Math.min(...docFreqs));
  const blocks = terms.map(({ term }, i) => (i === rarest ? undefined : new Map([...reader.blocks(field, term)].map(({ bucket, block }) => [bucket, block]))));
  const docs: number[] = [];
  const scores: number[] = [];
  for (const { bucket, block } of reader.blocks(field, terms[rarest]!.term)) {
    const encoded = blocks.map((byBucket, i) => (i === rarest ? block : byBucket!.get(bucket)));
    if (encoded.some((entry) => entry === undefined)) continue;
    const entries = encoded.map((entry) => decodePostings(entry!));
    const norms = reader.norms(field, bucket);
    forEachCommonSlot(entries, (slot, runs) => {
      const freq = phraseFrequency(runs, terms, options.slop);
      if (freq === 0) return;
      docs.push((bucket << BUCKET_SHIFT) + slot);
      scores.push(scorer.score(freq, norms, slot));
    });
  }
  return { docs: Uint32Array.from(docs), scores: Float64Array.from(scores) };
}

/** Calls `visit` for each slot present in every block, with each term's positions there. */
function forEachCommonSlot(entries: readonly PostingEntries[], visit: (slot: number, runs: PositionRun[]) => void): void {
  const index = entries.map(() => 0);
  const offset = entries.map(() => 0);
  const [first, ...rest] = entries;
  outer: for (let i = 0; i < first!.slots.length; i++) {
    const slot = first!.slots[i]!;
    index[0] = i;
    for (let t = 1; t <= rest.length; t++) {
      const block = entries[t]!;
      while (index[t]! < block.slots.length && block.slots[index[t]!]! < slot) offset[t]! += block.freqs[index[t]!++]!;
      if (block.slots[index[t]!] !== slot) {
        offset[0]! += first!.freqs[i]!;
        continue outer;
      }
    }
    visit(slot, entries.map((block, t) => ({ positions: block.positions, start: offset[t]!, count: block.freqs[index[t]!]! })));
    offset[0]! += first!.freqs[i]!;
  }
}

/** How often the phrase occurs (sloppy occurrences weighted by closeness). */
export function phraseFrequency(runs: readonly PositionRun[], terms: readonly PhraseTerm[], slop: number): number {
  if (slop === 0) {
    const cursor = runs.map(() => 0);
    let count = 0;
    const base = runs[0]!;
    starts: for (let i = 0; i < base.count; i++) {
      const origin = base.positions[base.start + i]! - terms[0]!.position;
      for (let t = 1; t < runs.length; t++) {
        const run = runs[t]!;
        const wanted = origin + terms[t]!.position;
        while (cursor[t]! < run.count && run.positions[run.start + cursor[t]!]! < wanted) cursor[t]!++;
        if (cursor[t]! >= run.count) return count;
        if (run.positions[run.start + cursor[t]!] !== wanted) continue starts;
      }
      count++;
    }
    return count;
  }
  const events: Array<{ at: number; term: number }> = [];
  runs.forEach((run, term) => {
    for (let i = 0; i < run.count; i++) events.push({ at: run.positions[run.start + i]! - terms[term]!.position, term });
  });
  events.sort((a, b) => a.at - b.at || a.term - b.term);
  const latest = new Array<number | undefined>(terms.length).fill(undefined);
  let seen = 0;
  let freq = 0;
  for (const event of events) {
    if (latest[event.term] === undefined) seen++;
    latest[event.term] = event.at;
    if (seen < terms.length) continue;
    const distance = event.at - Math.min(...(latest as number[]));
    if (distance <= slop) freq += 1 / (distance + 1);
  }
  return freq;
}

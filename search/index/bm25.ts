/**
 * BM25 (Lucene's BM25Similarity, k1 = 1.2, b = 0.75) over statistics of the whole
 * index: idf = ln(1 + (N − n + 0.5)/(n + 0.5)) with N the documents that have the field
 * and n those that have the term; a document's score for a term is
 * boost · idf · tf / (tf + k1 · (1 − b + b · dl/avgdl)), times the field's index-time boost.
 * Lengths are exact (Lucene quantises them to one byte).
 */
import { decodeFrequencies } from './postings-block.js';
import type { DecodedNorms } from './columns.js';
import { NO_HITS, type Hits } from './hits.js';
import { BUCKET_SHIFT } from './postings-block.js';
import { ID_FIELD, type IndexReader } from './reader.js';

export const K1 = 1.2;
export const B = 0.75;

export function idf(docCount: number, docFreq: number): number {
  return Math.log(1 + (docCount - docFreq + 0.5) / (docFreq + 0.5));
}

/** Scores tf for one document, given the field's average length. */
export interface FieldScorer {
  score(tf: number, norms: DecodedNorms, slot: number): number;
}

export function fieldScorer(reader: IndexReader, field: string, weight: number): FieldScorer {
  const stats = reader.fieldStats(field);
  const avgLength = stats.docs > 0 ? stats.length / stats.docs : 1;
  return {
    score(tf, norms, slot) {
      const length = norms.length[slot]!;
      const ratio = Number.isNaN(length) ? 1 : length / avgLength;
      const boost = norms.boost ? norms.boost[slot]! : 1;
      return (weight * boost * tf) / (tf + K1 * (1 - B + B * ratio));
    },
  };
}

/** All documents containing `term` in `field`, scored. */
export function termHits(reader: IndexReader, field: string, term: string, boost: number): Hits {
  if (field === ID_FIELD) {
    const doc = reader.docOf(term);
    return doc === undefined ? NO_HITS : { docs: Uint32Array.of(doc), scores: Float64Array.of(boost) };
  }
  const docFreq = reader.docFreq(field, term);
  if (docFreq === 0) return NO_HITS;
  const scorer = fieldScorer(reader, field, boost * idf(reader.fieldStats(field).docs, docFreq));
  const docs = new Uint32Array(docFreq);
  const scores = new Float64Array(docFreq);
  let n = 0;
  for (const { bucket, block } of reader.blocks(field, term)) {
    const { slots, freqs } = decodeFrequencies(block);
    const norms = reader.norms(field, bucket);
    const base = bucket << BUCKET_SHIFT;
    for (let i = 0; i < slots.length; i++) {
      docs[n] = base + slots[i]!;
      scores[n++] = scorer.score(freqs[i]!, norms, slots[i]!);
    }
  }
  return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
}

/** All documents containing `term`, without scores (constant-score queries, filters). */
export function termDocs(reader: IndexReader, field: string, term: string): number[] {
  if (field === ID_FIELD) {
    const doc = reader.docOf(term);
    return doc === undefined ? [] : [doc];
  }
  const docs: number[] = [];
  for (const { bucket, block } of reader.blocks(field, term)) {
    const { slots } = decodeFrequencies(block);
    const base = bucket << BUCKET_SHIFT;
    for (const slot of slots) docs.push(base + slot);
  }
  return docs;
}

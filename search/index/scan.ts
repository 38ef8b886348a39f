/**
 * Constant-score multi-term queries (prefix, wildcard, regexp, term range) as one range
 * scan over the postings table: its keys are ordered (field, term, bucket), so the
 * blocks of all terms in a term range are contiguous. Each distinct term is decoded and
 * tested once; the blocks of accepted terms set bits in a bitmap over doc numbers.
 */
import { concat, prefixEnd, readStringKey, readU32Key, stringKey } from './keys.js';
import { BUCKET_SHIFT, decodeSlots } from './postings-block.js';
import type { IndexReader } from './reader.js';

/** What a scan does with a term: take its documents, skip it, or end the scan. */
export type TermVerdict = 'take' | 'skip' | 'stop';

export interface ScanRange {
  /** first term to look at */
  from: string;
  /** only terms starting with this (the scan ends after them) */
  prefix?: string;
}

/** Sets `matched[doc]` for the documents of every term `judge` takes; returns how many documents it set. */
export function scanTerms(reader: IndexReader, field: string, range: ScanRange, judge: (term: string) => TermVerdict, matched: Uint8Array): number {
  const fieldKey = stringKey(field);
  const escaped = (text: string) => stringKey(text).subarray(0, -1);
  const start = concat(fieldKey, escaped(range.from));
  const end = prefixEnd(range.prefix === undefined ? fieldKey : concat(fieldKey, escaped(range.prefix)));
  let previous: Uint8Array | undefined;
  let verdict: TermVerdict = 'skip';
  let count = 0;
  for (const { key, value } of reader.tables.postings.range({ start, end })) {
    if (!previous || !sameTerm(key, previous, fieldKey.length)) {
      previous = key;
      verdict = judge(readStringKey(key, fieldKey.length).text);
      if (verdict === 'stop') break;
    }
    if (verdict !== 'take') continue;
    const base = readU32Key(key, key.length - 4) << BUCKET_SHIFT;
    for (const slot of decodeSlots(value)) {
      if (matched[base + slot]) continue;
      matched[base + slot] = 1;
      count++;
    }
  }
  return count;
}

/** Whether two postings keys (field, term, bucket) have the same term; the field is shared. */
function sameTerm(a: Uint8Array, b: Uint8Array, from: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = a.length - 5; i >= from; i--) if (a[i] !== b[i]) return false;
  return true;
}

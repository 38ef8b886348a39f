/**
 * The view queries of the latency scenario (issues 3, 4 and 8), as CouchDB query options
 * that Settee and PouchDB both take. Each case draws its i-th query from seeded samples
 * of keys known to exist in the first `size` documents of the corpus.
 *
 *   reference view ([tag, ts] → price, posts only, ≈0.31 rows/doc, `_sum`):
 *     key lookup, startkey/endkey with limit=10, group_level=1 (≈200 groups), group=true limit=20
 *   hour view ([hour, type] → price, 1 row/doc, `_sum`):
 *     reduce over everything, reduce over a random 10% range, group_level=1 (≈8.8k groups)
 */
import { mulberry32, TAG_COUNT, TS_SPAN_MS, TS_START, type Corpus } from '../corpus.js';
import type { Target } from './results.js';

export type QueryView = 'reference' | 'hour';

export interface QueryCase {
  label: string;
  view: QueryView;
  /** The i-th query's options (freshness options are added by the caller). */
  options(i: number): Record<string, unknown>;
  /** Issue 8's targets; the reduce ones are stated for views of 1M rows. */
  targets: Target[];
}

/** Distinct samples per case: queries cycle through them. */
const SAMPLES = 2000;
const SAMPLE_SEED = 7;
/** The "random 10% range" of the hour view spans a tenth of the year. */
const RANGE_FRACTION = 0.1;
/** `{}` sorts after every string and array in CouchDB collation: the high end of a prefix range. */
const HIGH = {};

const ms = (bound: number, note?: string): Target => ({ kind: 'value', bound, unit: 'ms', ...(note ? { note } : {}) });

/** [tag, ts] keys of `post` documents among the first `size`, drawn at random. */
export function samplePostKeys(corpus: Corpus, size: number, count = SAMPLES): Array<[string, string]> {
  const random = mulberry32(SAMPLE_SEED);
  const keys: Array<[string, string]> = [];
  while (keys.length < count) {
    const doc = corpus.doc(Math.floor(random() * size));
    if (doc.type !== 'post') continue;
    keys.push([doc.tags[Math.floor(random() * doc.tags.length)]!, doc.ts]);
  }
  return keys;
}

/** Ids of random `post` documents among the first `size` (for write-to-queryable). */
export function samplePostIds(corpus: Corpus, size: number, count: number): string[] {
  const random = mulberry32(SAMPLE_SEED + 1);
  const ids = new Set<string>();
  while (ids.size < count) {
    const doc = corpus.doc(Math.floor(random() * size));
    if (doc.type === 'post') ids.add(doc._id);
  }
  return [...ids];
}

function hourOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 13);
}

export function queryCases(corpus: Corpus, size: number): QueryCase[] {
  const keys = samplePostKeys(corpus, size);
  const random = mulberry32(SAMPLE_SEED + 2);
  const rangeStarts = Array.from({ length: SAMPLES }, () => TS_START + Math.floor(random() * TS_SPAN_MS * (1 - RANGE_FRACTION)));
  const at = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
  return [
    { label: 'key lookup', view: 'reference', options: (i) => ({ key: at(keys, i), reduce: false }), targets: [ms(0.1)] },
    {
      label: 'startkey/endkey limit=10',
      view: 'reference',
      options: (i) => ({ startkey: at(keys, i), endkey: [at(keys, i)[0], HIGH], limit: 10, reduce: false }),
      targets: [ms(0.2)],
    },
    { label: 'reduce over everything', view: 'hour', options: () => ({}), targets: [ms(1, 'at 1M rows'), { kind: 'ratio', bound: 1000 }] },
    {
      label: 'reduce over a random 10% range',
      view: 'hour',
      options: (i) => {
        const start = at(rangeStarts, i);
        return { startkey: [hourOf(start)], endkey: [hourOf(start + TS_SPAN_MS * RANGE_FRACTION)] };
      },
      targets: [ms(2, 'at 1M rows')],
    },
    { label: `group_level=1, ≈${TAG_COUNT} groups`, view: 'reference', options: () => ({ group_level: 1 }), targets: [ms(5, '100 groups at 1M rows')] },
    { label: 'group_level=1, ≈8.8k groups', view: 'hour', options: () => ({ group_level: 1 }), targets: [ms(100, '10k groups at 1M rows')] },
    { label: 'group=true limit=20', view: 'reference', options: (i) => ({ group: true, limit: 20, startkey: at(keys, i) }), targets: [] },
  ];
}

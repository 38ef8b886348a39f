/**
 * The benchmark corpus: seeded, deterministic documents shaped like the reference corpus
 * in ../shared/reference/measured-limits.md.
 *
 *   { _id: 'doc-000001', type (1 of 8), tags (1–4 distinct of 200), price, ts (ISO, one year),
 *     author (1 of 1000), title (5–10 words), body (50–200 words) }
 *
 * Words follow a Zipf distribution (s = 1) over a 20k-word pseudo-English vocabulary, and a
 * document is about 1 KB of JSON. Each document is a pure function of (seed, index), so a
 * scenario can generate any slice again (and 1M documents never have to sit in memory),
 * and query scenarios can sample keys that are known to exist.
 *
 *   const corpus = new Corpus();
 *   for (const batch of corpus.batches(100_000, 1000)) await db.bulkDocs(batch);
 */

export const DOC_TYPES = ['post', 'comment', 'page', 'event', 'product', 'review', 'note', 'task'] as const;
export type DocType = (typeof DOC_TYPES)[number];

export interface BenchDoc {
  _id: string;
  type: DocType;
  tags: string[];
  price: number;
  ts: string;
  author: string;
  title: string;
  body: string;
}

export interface CorpusOptions {
  /** Seed of the documents (default 1, as in the reference corpus). */
  seed?: number;
  /** Seed of the vocabulary (default 42). */
  vocabularySeed?: number;
}

const VOCABULARY_SIZE = 20_000;
export const TAG_COUNT = 200;
const AUTHOR_COUNT = 1000;
const TAGS_PER_DOC = { min: 1, max: 4 } as const;
const TITLE_WORDS = { min: 5, max: 10 } as const;
const BODY_WORDS = { min: 50, max: 200 } as const;
/** Prices are 0.00–999.99. */
const PRICE_CENTS = 100_000;
/** Timestamps spread uniformly over 2024, so an hour bucket holds ~11 docs per 100k. */
export const TS_START = Date.UTC(2024, 0, 1);
export const TS_SPAN_MS = 366 * 24 * 3600 * 1000;
/** Multiplier that decorrelates per-document seeds (the 32-bit golden ratio). */
const GOLDEN = 0x9e3779b9;

/** mulberry32: a tiny, fast, seedable 32-bit PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The document id of index `i` (0-based): `doc-000001` is the first. */
export function docId(index: number): string {
  return `doc-${String(index + 1).padStart(6, '0')}`;
}

export class Corpus {
  readonly seed: number;
  readonly vocabulary: readonly string[];
  readonly tags: readonly string[];
  /** Cumulative Zipf weights over the vocabulary, normalised to end at 1. */
  private readonly cumulative: Float64Array;

  constructor(options: CorpusOptions = {}) {
    this.seed = options.seed ?? 1;
    this.vocabulary = buildVocabulary(options.vocabularySeed ?? 42);
    this.tags = Array.from({ length: TAG_COUNT }, (_, i) => `tag-${String(i).padStart(3, '0')}`);
    this.cumulative = zipfCumulative(VOCABULARY_SIZE);
  }

  /** The document at `index`, always the same for the same seed. */
  doc(index: number): BenchDoc {
    const random = mulberry32(this.seed ^ Math.imul(index + 1, GOLDEN));
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const tagCount = int(TAGS_PER_DOC.min, TAGS_PER_DOC.max);
    const tags: string[] = [];
    while (tags.length < tagCount) {
      const tag = this.tags[Math.floor(random() * TAG_COUNT)]!;
      if (!tags.includes(tag)) tags.push(tag);
    }
    return {
      _id: docId(index),
      type: DOC_TYPES[Math.floor(random() * DOC_TYPES.length)]!,
      tags,
      price: Math.floor(random() * PRICE_CENTS) / 100,
      ts: new Date(TS_START + Math.floor(random() * TS_SPAN_MS)).toISOString(),
      author: `author-${String(Math.floor(random() * AUTHOR_COUNT)).padStart(4, '0')}`,
      title: this.words(random, int(TITLE_WORDS.min, TITLE_WORDS.max)),
      body: this.words(random, int(BODY_WORDS.min, BODY_WORDS.max)),
    };
  }

  /** Documents [start, start + count). */
  slice(start: number, count: number): BenchDoc[] {
    return Array.from({ length: count }, (_, i) => this.doc(start + i));
  }

  /** The first `count` documents in batches of `size`, generated lazily. */
  *batches(count: number, size: number): Generator<BenchDoc[]> {
    for (let start = 0; start < count; start += size) yield this.slice(start, Math.min(size, count - start));
  }

  private words(random: () => number, count: number): string {
    const out: string[] = [];
    for (let i = 0; i < count; i++) out.push(this.vocabulary[this.zipfRank(random())]!);
    return out.join(' ');
  }

  /** Inverse CDF by binary search: the rank whose cumulative weight first reaches `u`. */
  private zipfRank(u: number): number {
    let low = 0;
    let high = this.cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.cumulative[mid]! < u) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

function zipfCumulative(size: number): Float64Array {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let rank = 0; rank < size; rank++) cumulative[rank] = total += 1 / (rank + 1);
  for (let rank = 0; rank < size; rank++) cumulative[rank]! /= total;
  return cumulative;
}

const ONSETS = ['', 'b', 'c', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'y', 'br', 'ch', 'cl', 'dr', 'gr', 'pl', 'pr', 'sh', 'st', 'th', 'tr'];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'a', 'e', 'i', 'o', 'ea', 'ee', 'ou'];
const CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'nd', 'st', 'ng', 'ck', 'rt'];

/**
 * Distinct pseudo-English words, shorter at frequent ranks as in English: rank 0–249 get
 * one syllable, then two, then up to four, which makes a body word about 6.5 characters
 * with its space, and a document about 1 KB.
 */
function buildVocabulary(seed: number): string[] {
  const random = mulberry32(seed);
  const pick = (list: readonly string[]) => list[Math.floor(random() * list.length)]!;
  const words = new Set<string>();
  while (words.size < VOCABULARY_SIZE) {
    const rank = words.size;
    const syllables = rank < 250 ? 1 : rank < 2000 ? 2 : rank < 10_000 ? 2 + Math.floor(random() * 2) : 3 + Math.floor(random() * 2);
    let word = '';
    for (let i = 0; i < syllables; i++) word += pick(ONSETS) + pick(NUCLEI) + (i === syllables - 1 ? pick(CODAS) : '');
    words.add(word);
  }
  return [...words];
}

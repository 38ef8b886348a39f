/**
 * Reads a search index for one query: statistics, the term dictionary, postings blocks,
 * norms and doc values, with decoded blocks cached for the query's duration. Queries run
 * synchronously, so every read sees the same committed snapshot.
 */
import { COLUMN, decodeNorms, decodeNumbers, decodeStrings, type DecodedNorms, type DecodedStrings, type StringColumnBlock } from './columns.js';
import { doubleKey, prefixEnd, readDoubleKey, readStringKey, readU32Key, stringKey, concat } from './keys.js';
import { BUCKET_SIZE, bucketOf, slotOf } from './postings-block.js';
import { columnKey, docKey, idKey, normsKey, termKey } from './table-keys.js';
import { EMPTY_FIELD_STATS, META, fieldStatsKey, type DocRecord, type FieldStats, type SearchTables } from './tables.js';

/** The reserved field that names documents; it is answered from the `ids` table. */
export const ID_FIELD = '_id';

export class IndexReader {
  private readonly normsCache = new Map<string, DecodedNorms>();
  private readonly numberCache = new Map<string, Float64Array>();
  private readonly stringCache = new Map<string, DecodedStrings | undefined>();
  private readonly idCache = new Map<number, Array<string | null>>();
  private readonly statsCache = new Map<string, FieldStats>();

  constructor(readonly tables: SearchTables) {}

  docCount(): number {
    return (this.tables.meta.get(META.docCount) as number | undefined) ?? 0;
  }

  /** One more than the highest doc number ever given out. */
  maxDoc(): number {
    return (this.tables.meta.get(META.nextDoc) as number | undefined) ?? 0;
  }

  fieldStats(field: string): FieldStats {
    let stats = this.statsCache.get(field);
    if (!stats) {
      stats = (this.tables.meta.get(fieldStatsKey(field)) as FieldStats | undefined) ?? EMPTY_FIELD_STATS;
      this.statsCache.set(field, stats);
    }
    return stats;
  }

  docFreq(field: string, term: string): number {
    if (field === ID_FIELD) return this.docOf(term) === undefined ? 0 : 1;
    return this.tables.terms.get(termKey(field, term)) ?? 0;
  }

  /** The postings blocks of a term, by bucket ascending. */
  *blocks(field: string, term: string): Iterable<{ bucket: number; block: Uint8Array }> {
    const prefix = termKey(field, term);
    for (const { key, value } of this.tables.postings.range({ start: prefix, end: prefixEnd(prefix) })) {
      yield { bucket: readU32Key(key, prefix.length), block: value };
    }
  }

  /** The field's terms in code-point order, from `from` (inclusive) on. */
  *terms(field: string, from = ''): Iterable<string> {
    if (field === ID_FIELD) {
      for (const key of this.tables.ids.keys({ start: Buffer.from(from, 'utf8') })) yield Buffer.from(key).toString('utf8');
      return;
    }
    const prefix = stringKey(field);
    for (const key of this.tables.terms.keys({ start: concat(prefix, stringKey(from)), end: prefixEnd(prefix) })) {
      yield readStringKey(key, prefix.length).text;
    }
  }

  /** Documents with a numeric value of `field` in [lower, upper], each once, unsorted. */
  *numbers(field: string, lower: number, upper: number): Iterable<{ value: number; doc: number }> {
    const prefix = stringKey(field);
    const start = concat(prefix, doubleKey(lower));
    const end = prefixEnd(concat(prefix, doubleKey(upper)));
    for (const key of this.tables.numbers.keys({ start, end })) {
      yield { value: readDoubleKey(key, prefix.length), doc: readU32Key(key, prefix.length + 8) };
    }
  }

  norms(field: string, bucket: number): DecodedNorms {
    const key = `${field}\u0000${bucket}`;
    let norms = this.normsCache.get(key);
    if (!norms) {
      norms = decodeNorms(this.tables.norms.get(normsKey(field, bucket)));
      this.normsCache.set(key, norms);
    }
    return norms;
  }

  /** Live-document bitmaps, by bucket ascending. */
  *liveBlocks(): Iterable<{ bucket: number; bits: Uint8Array }> {
    const prefix = Buffer.from([COLUMN.live]);
    for (const { key, value } of this.tables.columns.range({ start: prefix, end: prefixEnd(prefix) })) {
      yield { bucket: readU32Key(key, 1), bits: value as Uint8Array };
    }
  }

  /** A field's numeric doc values for a bucket (NaN where a document has none). */
  numberColumn(field: string, bucket: number): Float64Array {
    const key = `${field}\u0000${bucket}`;
    let values = this.numberCache.get(key);
    if (!values) {
      values = decodeNumbers(this.tables.columns.get(columnKey(COLUMN.number, field, bucket)) as Uint8Array | undefined);
      this.numberCache.set(key, values);
    }
    return values;
  }

  /** Sort strings or facet values of a field for a bucket. */
  stringColumn(kind: typeof COLUMN.sortString | typeof COLUMN.facet, field: string, bucket: number): DecodedStrings | undefined {
    const key = `${kind}\u0000${field}\u0000${bucket}`;
    if (!this.stringCache.has(key)) {
      const block = this.tables.columns.get(columnKey(kind, field, bucket)) as StringColumnBlock | undefined;
      this.stringCache.set(key, block ? decodeStrings(block) : undefined);
    }
    return this.stringCache.get(key);
  }

  numberOf(field: string, doc: number): number | undefined {
    const value = this.numberColumn(field, bucketOf(doc))[slotOf(doc)]!;
    return Number.isNaN(value) ? undefined : value;
  }

  sortStringOf(field: string, doc: number): string | undefined {
    const column = this.stringColumn(COLUMN.sortString, field, bucketOf(doc));
    if (!column) return undefined;
    const slot = slotOf(doc);
    return column.starts[slot + 1]! > column.starts[slot]! ? column.dict[column.ords[column.starts[slot]!]!] : undefined;
  }

  idOf(doc: number): string {
    const bucket = bucketOf(doc);
    let ids = this.idCache.get(bucket);
    if (!ids) {
      ids = (this.tables.columns.get(columnKey(COLUMN.id, undefined, bucket)) as Array<string | null> | undefined) ?? new Array<null>(BUCKET_SIZE).fill(null);
      this.idCache.set(bucket, ids);
    }
    return ids[slotOf(doc)] ?? '';
  }

  docOf(id: string): number | undefined {
    return this.tables.ids.get(idKey(id));
  }

  record(doc: number): DocRecord | undefined {
    return this.tables.docs.get(docKey(doc));
  }

  checkpoint(): number {
    return (this.tables.meta.get(META.checkpoint) as number | undefined) ?? 0;
  }

  updateSeq(): number {
    return (this.tables.meta.get(META.updateSeq) as number | undefined) ?? 0;
  }
}

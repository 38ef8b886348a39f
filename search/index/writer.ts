/**
 * Applies a batch of changed documents to a search index inside the caller's
 * transaction: a document's previous postings, norms, doc values and numbers are
 * removed (from its record, the back-index) and its new ones added under the same doc
 * number; a deleted document, or one whose index function indexed nothing, leaves the
 * index. Blocks and statistics are edited in memory and written once per batch.
 */
import type { FieldAnalyzer } from '../analysis/index.js';
import { BlockCache } from './block-cache.js';
import { TermEdits } from './term-edits.js';
import { COLUMN, decodeNorms, decodeNumbers, explodeStrings, packNorms, packStrings, bytesOf, hasAnyNumber, type DecodedNorms, type StringColumnBlock } from './columns.js';
import { prepareDocument, type IndexCall, type PreparedDoc } from './document.js';
import { BUCKET_SIZE, bucketOf, removePosting, setPosting, slotOf } from './postings-block.js';
import { columnKey, docKey, idKey, normsKey, numberKey, suggestKey } from './table-keys.js';
import { EMPTY_FIELD_STATS, META, fieldStatsKey, type DocRecord, type FieldStats, type SearchTables } from './tables.js';

export interface DocChange {
  id: string;
  /** The document's `index()` calls; undefined when it was deleted. */
  fields: readonly IndexCall[] | undefined;
  /** The calls already analysed (`prepareDocument`, e.g. in a worker thread); `fields` is then not read. */
  prepared?: PreparedDoc;
}

/** What the in-memory suggester must do after the commit: index `text` for `doc`, or drop it. */
export interface SuggestChange {
  doc: number;
  text: string | undefined;
}

const LIVE_BYTES = BUCKET_SIZE / 8;

export function applyChanges(tables: SearchTables, analyzer: FieldAnalyzer, changes: readonly DocChange[], checkpoint: number): SuggestChange[] {
  const writer = new BatchWriter(tables);
  const suggest: SuggestChange[] = [];
  let nextDoc = (tables.meta.get(META.nextDoc) as number | undefined) ?? 0;
  let docCount = (tables.meta.get(META.docCount) as number | undefined) ?? 0;
  for (const change of changes) {
    const previous = tables.ids.get(idKey(change.id));
    const record = previous === undefined ? undefined : tables.docs.get(docKey(previous));
    const hadSuggest = previous !== undefined && tables.columns.get(suggestKey(previous)) !== undefined;
    if (previous !== undefined && record) writer.remove(previous, record);
    const prepared = change.prepared ?? (change.fields && change.fields.length > 0 ? prepareDocument(change.id, change.fields, analyzer) : undefined);
    if (prepared) {
      const doc = previous ?? nextDoc++;
      writer.add(doc, prepared);
      if (previous === undefined) {
        tables.ids.put(idKey(change.id), doc);
        docCount++;
      }
      if (prepared.suggest !== '') tables.columns.put(suggestKey(doc), prepared.suggest);
      else if (hadSuggest) tables.columns.remove(suggestKey(doc));
      if (prepared.suggest !== '' || hadSuggest) suggest.push({ doc, text: prepared.suggest || undefined });
    } else if (previous !== undefined) {
      tables.ids.remove(idKey(change.id));
      tables.docs.remove(docKey(previous));
      docCount--;
      if (hadSuggest) {
        tables.columns.remove(suggestKey(previous));
        suggest.push({ doc: previous, text: undefined });
      }
    }
  }
  writer.flush();
  tables.meta.put(META.nextDoc, nextDoc);
  tables.meta.put(META.docCount, docCount);
  tables.meta.put(META.checkpoint, checkpoint);
  if (changes.length > 0) tables.meta.put(META.updateSeq, checkpoint);
  return suggest;
}

class BatchWriter {
  private readonly terms: TermEdits;
  private readonly norms: BlockCache<DecodedNorms>;
  private readonly live: BlockCache<Uint8Array>;
  private readonly ids: BlockCache<Array<string | null>>;
  private readonly numbers: BlockCache<Float64Array>;
  private readonly strings: BlockCache<Array<string[] | undefined>>;
  private readonly stats = new Map<string, FieldStats>();

  constructor(private readonly tables: SearchTables) {
    const { norms, columns } = tables;
    this.terms = new TermEdits(tables);
    this.norms = new BlockCache<DecodedNorms>(
      (key) => { const decoded = decodeNorms(norms.get(key)); return { length: decoded.length, boost: decoded.boost ?? new Float32Array(BUCKET_SIZE).fill(1) }; },
      (key, block) => { const packed = packNorms(block); if (packed) norms.put(key, packed); else norms.remove(key); },
    );
    this.live = new BlockCache<Uint8Array>(
      (key) => new Uint8Array((columns.get(key) as Uint8Array | undefined) ?? new Uint8Array(LIVE_BYTES)),
      (key, bits) => (bits.some((byte) => byte !== 0) ? columns.put(key, bits) : columns.remove(key)),
    );
    this.ids = new BlockCache(
      (key) => [...((columns.get(key) as Array<string | null> | undefined) ?? new Array<string | null>(BUCKET_SIZE).fill(null))],
      (key, ids) => (ids.some((id) => id !== null) ? columns.put(key, ids) : columns.remove(key)),
    );
    this.numbers = new BlockCache(
      (key) => decodeNumbers(columns.get(key) as Uint8Array | undefined),
      (key, values) => (hasAnyNumber(values) ? columns.put(key, new Uint8Array(bytesOf(values))) : columns.remove(key)),
    );
    this.strings = new BlockCache(
      (key) => explodeStrings(columns.get(key) as StringColumnBlock | undefined),
      (key, slots) => { const packed = packStrings(slots); if (packed) columns.put(key, packed); else columns.remove(key); },
    );
  }

  remove(doc: number, record: DocRecord): void {
    const bucket = bucketOf(doc);
    const slot = slotOf(doc);
    for (const [field, terms] of Object.entries(record.terms)) {
      for (const term of terms) {
        const edit = this.terms.get(field, term);
        removePosting(edit.block(bucket), slot);
        edit.docFreqDelta--;
      }
      this.norm(field, bucket).length[slot] = 0;
      this.stat(field, { docs: -1, length: -(record.lengths[field] ?? 0) });
    }
    for (const [field, values] of Object.entries(record.numbers)) {
      for (const value of values) this.tables.numbers.remove(numberKey(field, value, doc));
      this.column(this.numbers, COLUMN.number, field, bucket)[slot] = Number.NaN;
      this.stat(field, { numberDocs: -1 });
    }
    for (const field of record.sortStrings) {
      this.column(this.strings, COLUMN.sortString, field, bucket)[slot] = undefined;
      this.stat(field, { stringDocs: -1 });
    }
    for (const field of record.facets) this.column(this.strings, COLUMN.facet, field, bucket)[slot] = undefined;
    this.column(this.live, COLUMN.live, undefined, bucket)[slot >> 3]! &= ~(1 << (slot & 7));
    this.column(this.ids, COLUMN.id, undefined, bucket)[slot] = null;
  }

  add(doc: number, prepared: PreparedDoc): void {
    const bucket = bucketOf(doc);
    const slot = slotOf(doc);
    const record: DocRecord = { id: prepared.id, stored: prepared.stored, terms: {}, lengths: {}, numbers: {}, sortStrings: [...prepared.sortStrings.keys()], facets: [...prepared.facets.keys()] };
    for (const [field, text] of prepared.text) {
      if (text.terms.size === 0) continue;
      record.terms[field] = [...text.terms.keys()];
      record.lengths[field] = text.length;
      for (const [term, positions] of text.terms) {
        const edit = this.terms.get(field, term);
        setPosting(edit.block(bucket), slot, positions);
        edit.docFreqDelta++;
      }
      const norms = this.norm(field, bucket);
      norms.length[slot] = text.norms ? text.length : Number.NaN;
      norms.boost![slot] = text.boost;
      this.stat(field, { docs: 1, length: text.length });
    }
    for (const [field, values] of prepared.numbers) {
      record.numbers[field] = values;
      for (const value of values) this.tables.numbers.put(numberKey(field, value, doc), 1);
      this.column(this.numbers, COLUMN.number, field, bucket)[slot] = values[0]!;
      this.stat(field, { numberDocs: 1 });
    }
    for (const [field, value] of prepared.sortStrings) {
      this.column(this.strings, COLUMN.sortString, field, bucket)[slot] = [value];
      this.stat(field, { stringDocs: 1 });
    }
    for (const [field, values] of prepared.facets) this.column(this.strings, COLUMN.facet, field, bucket)[slot] = values;
    this.column(this.live, COLUMN.live, undefined, bucket)[slot >> 3]! |= 1 << (slot & 7);
    this.column(this.ids, COLUMN.id, undefined, bucket)[slot] = prepared.id;
    this.tables.docs.put(docKey(doc), record);
  }

  flush(): void {
    const { meta } = this.tables;
    this.terms.flush();
    this.norms.flush();
    this.live.flush();
    this.ids.flush();
    this.numbers.flush();
    this.strings.flush();
    for (const [field, delta] of this.stats) {
      const key = fieldStatsKey(field);
      const stats = { ...EMPTY_FIELD_STATS, ...(meta.get(key) as FieldStats | undefined) };
      for (const name of Object.keys(stats) as Array<keyof FieldStats>) stats[name] += delta[name];
      if (stats.docs > 0 || stats.numberDocs > 0 || stats.stringDocs > 0) meta.put(key, stats);
      else meta.remove(key);
    }
    this.stats.clear();
  }

  private norm(field: string, bucket: number): DecodedNorms {
    return this.norms.get(`${field}\u0000${bucket}`, () => normsKey(field, bucket));
  }

  private column<D>(cache: BlockCache<D>, kind: number, field: string | undefined, bucket: number): D {
    return cache.get(`${kind}\u0000${field ?? ''}\u0000${bucket}`, () => columnKey(kind, field, bucket));
  }

  private stat(field: string, delta: Partial<FieldStats>): void {
    const stats = this.stats.get(field) ?? { ...EMPTY_FIELD_STATS };
    for (const [name, value] of Object.entries(delta) as Array<[keyof FieldStats, number]>) stats[name] += value;
    this.stats.set(field, stats);
  }
}

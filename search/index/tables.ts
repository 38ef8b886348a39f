/**
 * The tables one search index owns, opened by the engine inside the database's LMDB
 * store and written only inside the caller's transaction, so a batch of documents, the
 * statistics and the checkpoint always commit together.
 *
 * | table | key | value |
 * | --- | --- | --- |
 * | postings | field, term, bucket | packed postings block (postings-block.ts) |
 * | terms | field, term | document frequency: the term dictionary |
 * | norms | field, bucket | field lengths and boosts per slot |
 * | columns | kind, [field,] bucket | doc values: live bitmap, ids, numbers, sort strings, facets |
 * | numbers | field, double, doc | 1: numeric term and range queries |
 * | docs | doc | the document's record (stored fields and what to remove on update) |
 * | ids | document id (UTF-8) | doc number |
 * | meta | name | checkpoint, counters, per-field statistics |
 */
import type { Bytes, OrderedTable } from '../../views/index.js';
import type { NormsBlock, StringColumnBlock } from './columns.js';
import type { StoredValue } from './document.js';
import { concat, stringKey } from './keys.js';

export type ColumnValue = StringColumnBlock | Uint8Array | Array<string | null> | string;

export interface SearchTables {
  postings: OrderedTable<Uint8Array>;
  terms: OrderedTable<number>;
  norms: OrderedTable<NormsBlock>;
  columns: OrderedTable<ColumnValue>;
  numbers: OrderedTable<number>;
  docs: OrderedTable<DocRecord>;
  ids: OrderedTable<number>;
  meta: OrderedTable<unknown>;
}

export const SEARCH_TABLE_NAMES = ['postings', 'terms', 'norms', 'columns', 'numbers', 'docs', 'ids', 'meta'] as const satisfies ReadonlyArray<keyof SearchTables>;

/** Everything needed to answer with a document and to remove it again. */
export interface DocRecord {
  id: string;
  stored: Record<string, StoredValue>;
  /** text field → its distinct terms */
  terms: Record<string, string[]>;
  /** text field → its length, for the statistics */
  lengths: Record<string, number>;
  numbers: Record<string, number[]>;
  sortStrings: string[];
  facets: string[];
}

/** Per field, over the live documents. */
export interface FieldStats {
  /** documents with at least one term in the field */
  docs: number;
  /** total terms in the field */
  length: number;
  /** documents with a numeric value */
  numberDocs: number;
  /** documents with a string value that has a sort term */
  stringDocs: number;
}

export const META = {
  checkpoint: Buffer.from('checkpoint'),
  updateSeq: Buffer.from('update_seq'),
  nextDoc: Buffer.from('next_doc'),
  docCount: Buffer.from('doc_count'),
} as const;

/** Field statistics live in `meta` under 'F' + field. */
export function fieldStatsKey(field: string): Bytes {
  return concat(Buffer.from('F'), stringKey(field));
}

export const EMPTY_FIELD_STATS: FieldStats = { docs: 0, length: 0, numberDocs: 0, stringDocs: 0 };

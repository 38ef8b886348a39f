/**
 * The tables of one database inside its LMDB store:
 * - `docs`:    doc id → DocRecord of every live document (winning revision, its seq, body)
 * - `deleted`: doc id → DocRecord of every tombstone. Keeping tombstones apart lets
 *              `_all_docs` count rows and offsets with key counts instead of scans.
 * - `changes`: seq → ChangeRecord; a document's older seq entry is removed when it changes,
 *              so the table holds exactly one entry per document: its latest change.
 * - `revs`:    `docId \0 rev` → body of a superseded revision, readable with `?rev=` (and by
 *              views' linked documents) until the database is compacted.
 * - `local`:   `_local/` id → { rev, body }; never in the changes feed, never indexed.
 * - `meta`:    counters (`update_seq`, `doc_count`, `doc_del_count`) kept in the same
 *              transaction as the writes they count.
 */
import type { Store, Table } from '../storage/lmdb.js';
import type { ChangeRecord, DocRecord, JsonObject } from './types.js';

export interface LocalRecord {
  rev: string;
  body: JsonObject;
}

export type MetaKey = 'update_seq' | 'doc_count' | 'doc_del_count';

export interface DocumentTables {
  docs: Table<string, DocRecord>;
  deleted: Table<string, DocRecord>;
  changes: Table<number, ChangeRecord>;
  local: Table<string, LocalRecord>;
  revs: Table<string, DocRecord>;
  meta: Table<string, number>;
}

export function openDocumentTables(store: Store): DocumentTables {
  return {
    docs: store.table<string, DocRecord>('docs', 'string'),
    deleted: store.table<string, DocRecord>('deleted', 'string'),
    changes: store.table<number, ChangeRecord>('changes', 'number'),
    local: store.table<string, LocalRecord>('local', 'string'),
    revs: store.table<string, DocRecord>('revs', 'string'),
    meta: store.table<string, number>('meta', 'string'),
  };
}

export function readCounter(tables: DocumentTables, key: MetaKey): number {
  return tables.meta.get(key) ?? 0;
}

export function addToCounter(tables: DocumentTables, key: MetaKey, delta: number): void {
  if (delta !== 0) tables.meta.put(key, readCounter(tables, key) + delta);
}

/** The current record of a document, live or tombstone. */
export function readDocRecord(tables: DocumentTables, id: string): DocRecord | undefined {
  return tables.docs.get(id) ?? tables.deleted.get(id);
}

export function revisionKey(id: string, rev: string): string {
  return `${id}\u0000${rev}`;
}

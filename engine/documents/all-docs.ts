/**
 * `_all_docs`: the live documents in doc-id order (raw UTF-8 byte order, which is the
 * order of the `docs` table), with CouchDB's range options. `total_rows` and `offset`
 * come from key counts, never from reading documents.
 */
import { renderDoc } from './changes-feed.js';
import type { DocumentTables } from './tables.js';
import { readDocRecord } from './tables.js';
import type { Doc, DocRecord } from './types.js';

export interface AllDocsOptions {
  startkey?: string;
  endkey?: string;
  key?: string;
  keys?: string[];
  inclusive_end?: boolean;
  descending?: boolean;
  limit?: number;
  skip?: number;
  include_docs?: boolean;
  update_seq?: boolean;
}

export interface AllDocsRow {
  id?: string;
  key: string;
  value?: { rev: string; deleted?: true };
  doc?: Doc | null;
  error?: 'not_found';
}

export interface AllDocsResult {
  total_rows: number;
  offset: number | null;
  rows: AllDocsRow[];
  update_seq?: number;
}

export function queryAllDocs(tables: DocumentTables, options: AllDocsOptions): AllDocsResult {
  const totalRows = tables.docs.count();
  const skip = options.skip ?? 0;
  const limit = options.limit ?? Infinity;
  if (options.keys) return byKeys(tables, options, totalRows, skip, limit);

  const descending = options.descending === true;
  const start = options.key ?? options.startkey;
  const end = options.key ?? options.endkey;
  const inclusiveEnd = options.inclusive_end !== false;
  const offset = start === undefined ? 0 : countBefore(tables, start, descending, totalRows);
  const rows: AllDocsRow[] = [];
  const range = tables.docs.range({ start, reverse: descending, offset: skip });
  for (const { key, value } of range) {
    if (rows.length >= limit) break;
    if (end !== undefined && beyondEnd(key, end, descending, inclusiveEnd)) break;
    rows.push(row(key, value, options.include_docs === true));
  }
  return { total_rows: totalRows, offset: offset + skip, rows };
}

function byKeys(tables: DocumentTables, options: AllDocsOptions, totalRows: number, skip: number, limit: number) {
  const keys = options.descending ? [...(options.keys ?? [])].reverse() : (options.keys ?? []);
  const rows: AllDocsRow[] = [];
  for (const key of keys.slice(skip)) {
    if (rows.length >= limit) break;
    const record = typeof key === 'string' ? readDocRecord(tables, key) : undefined;
    if (!record) rows.push({ key, error: 'not_found' });
    else if (record.deleted) rows.push({ id: key, key, value: { rev: record.rev, deleted: true }, ...(options.include_docs ? { doc: null } : {}) });
    else rows.push(row(key, record, options.include_docs === true));
  }
  return { total_rows: totalRows, offset: null, rows };
}

function row(id: string, record: DocRecord, includeDocs: boolean): AllDocsRow {
  const result: AllDocsRow = { id, key: id, value: { rev: record.rev } };
  if (includeDocs) result.doc = renderDoc(id, record);
  return result;
}

/** Rows that precede `start` in iteration order. */
function countBefore(tables: DocumentTables, start: string, descending: boolean, totalRows: number): number {
  if (!descending) return tables.docs.count({ end: start });
  return totalRows - tables.docs.count({ end: start }) - (tables.docs.get(start) ? 1 : 0);
}

function beyondEnd(key: string, end: string, descending: boolean, inclusiveEnd: boolean): boolean {
  const order = compareUtf8(key, end);
  if (descending) return inclusiveEnd ? order < 0 : order <= 0;
  return inclusiveEnd ? order > 0 : order >= 0;
}

/** Doc ids order by UTF-8 bytes, which differs from JS's UTF-16 order above U+FFFF. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

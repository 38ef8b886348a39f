/** The shapes of documents, stored records and change rows, in CouchDB's words. */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** A document as users send and receive it: a JSON object with `_id`/`_rev` members. */
export type Doc = JsonObject & { _id?: string; _rev?: string; _deleted?: boolean };

/** What the `docs` table holds per document id: its winning (only) revision. */
export interface DocRecord {
  rev: string;
  seq: number;
  deleted: boolean;
  /** The document body without `_id` and `_rev`. */
  body: JsonObject;
}

/** What the `changes` table holds per sequence number. */
export interface ChangeRecord {
  id: string;
  rev: string;
  deleted: boolean;
}

export interface WriteResult {
  ok: true;
  id: string;
  rev: string;
}

export interface WriteFailure {
  id: string;
  error: string;
  reason: string;
}

/** A row of the changes feed, shaped as CouchDB sends it. */
export interface ChangeRow {
  seq: number;
  id: string;
  changes: Array<{ rev: string }>;
  deleted?: true;
  doc?: Doc | null;
}

export interface DatabaseInfo {
  db_name: string;
  doc_count: number;
  doc_del_count: number;
  update_seq: number;
  purge_seq: number;
  compact_running: boolean;
  sizes: { file: number; external: number; active: number };
  instance_start_time: string;
  disk_format_version: number;
}

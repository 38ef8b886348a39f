/**
 * A validated query, in the shape the index layer reads. Every default is applied except
 * the open ends of a range, which stay absent so the index layer can tell "not given"
 * from a value (§3.3 treats a defaulted docid differently under `inclusive_end=false`).
 */
import type { UpdateMode } from './args.js';
import type { JsonValue } from './json.js';

/** `limit` when none is given and no query limit is configured. */
export const UNLIMITED = Number.POSITIVE_INFINITY;

/** How a reduce query groups rows. */
export type Grouping =
  /** No grouping (also `group_level=0`): one row, key `null`, for the whole range. */
  | { kind: 'all' }
  /** `group=true`: one row per distinct key (collation-equal keys share a row). */
  | { kind: 'exact' }
  /** `group_level=N`, N ≥ 1: array keys cut to their first N elements; other keys whole. */
  | { kind: 'level'; level: number };

/**
 * Which rows, in which order, and how many. Rows are ordered by `(key, docid)`; docids
 * compare by UTF-8 bytes (`compareDocIds`).
 *
 * Key selection is one of:
 * - a range: `startKey` / `endKey` in iteration order (so start > end when descending),
 *   each absent when open;
 * - `keys`: the rows of each key in turn, in the given order (the index layer reverses the
 *   list when `descending`, §3.5); `startKey`/`endKey` are then always absent.
 *
 * Docid bounds (`startkey_docid` / `endkey_docid`) are present only when given and only
 * next to the key they refine (`startDocId` needs `startKey` or `keys`, `endDocId` needs
 * `endKey` or `keys`); with `keys` they refine every key. When absent, §3.3 applies:
 *
 * | bound        | ascending                 | descending                |
 * |--------------|---------------------------|---------------------------|
 * | `startDocId` | `""` (before every id)    | byte 0xFF (after every id) |
 * | `endDocId`   | byte 0xFF (after every id) | `""` (before every id)    |
 *
 * and with `inclusiveEnd: false` a defaulted end docid excludes every row whose key
 * equals the end key, while an explicit one keeps the rows on the near side of it.
 * (CouchDB quirk left to the index layer: an explicit ascending `endDocId` of `""` with
 * `inclusiveEnd: false` is flipped to 0xFF, keeping all rows of the end key.)
 */
export interface RowSelection {
  keys?: JsonValue[];
  startKey?: JsonValue;
  endKey?: JsonValue;
  startDocId?: string;
  endDocId?: string;
  inclusiveEnd: boolean;
  descending: boolean;
  /** Output rows (map rows or reduce groups) to drop first. */
  skip: number;
  /** Output rows to return after `skip`; `UNLIMITED` when none. */
  limit: number;
}

/** How fresh the index must be, and what the response carries besides rows. */
export interface Freshness {
  /** `'true'`: catch up first; `'false'`: as is; `'lazy'`: as is, then catch up. */
  update: UpdateMode;
  /** Validated only (a clustered hint). */
  stable: boolean;
  /** Include `update_seq` in the response. */
  updateSeq: boolean;
  /** Validated only (a clustered hint). */
  sorted: boolean;
}

/** What to attach to map rows. */
export interface DocOptions {
  includeDocs: boolean;
  /** With `includeDocs`: add `_conflicts`. */
  conflicts: boolean;
  /** With `includeDocs`: inline attachment bodies. */
  attachments: boolean;
  /** With `includeDocs`: add `encoding`/`encoded_length` to compressed stubs. */
  attEncodingInfo: boolean;
}

/** Map rows: a map-only view, or a reduce view queried with `reduce=false`. */
export interface MapViewQuery extends RowSelection, Freshness, DocOptions {
  kind: 'map';
}

/** Reduced rows of a view with a reduce function. */
export interface ReduceViewQuery extends RowSelection, Freshness {
  kind: 'reduce';
  group: Grouping;
}

export type ResolvedViewQuery = MapViewQuery | ReduceViewQuery;

/**
 * `_all_docs`: keys are doc ids, compared by UTF-8 bytes. A `startkey`/`endkey` that is
 * not a string is ignored, and `startkey_docid`/`endkey_docid` stand in for a missing
 * string key (`couch_mrview_util:ad_skey_opts`). An absent bound is open. No range is
 * ever refused: `key="a"&startkey="b"` selects nothing.
 */
export interface AllDocsQuery extends Freshness, DocOptions {
  kind: 'all_docs';
  /** Rows for these ids in this order, `not_found` rows for missing ones. */
  keys?: JsonValue[];
  startId?: string;
  endId?: string;
  inclusiveEnd: boolean;
  descending: boolean;
  skip: number;
  limit: number;
}

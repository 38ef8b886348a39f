/**
 * The parameters of one query as given, after parsing and before validation: CouchDB's
 * `#mrargs{}`. Parsing only decodes; whether the combination makes sense for a view is
 * decided by `validateViewQuery` / `validateAllDocsQuery`.
 */
import type { JsonValue } from './json.js';

/** Index freshness (§6.4): wait for the index, answer as is, or answer and update after. */
export const UPDATE_MODES = ['true', 'false', 'lazy'] as const;
export type UpdateMode = (typeof UPDATE_MODES)[number];

/**
 * `undefined` always means "not given" (JSON `null` is a real key). Members that CouchDB
 * checks only at validation time are typed loosely on purpose (`keys`, the docids), so a
 * body such as `{"keys": 1}` inside `/queries` reaches the check that names it.
 */
export interface ViewQueryArgs {
  /** `reduce`; unset means "reduce if the view has a reduce function". */
  reduce?: boolean;
  /** `startkey`/`start_key`, or `key`. */
  startKey?: JsonValue;
  /** `endkey`/`end_key`, or `key`. */
  endKey?: JsonValue;
  /** `keys`; must turn out to be an array. */
  keys?: JsonValue;
  /** `startkey_docid`/`start_key_doc_id`; must turn out to be a string. */
  startKeyDocId?: JsonValue;
  /** `endkey_docid`/`end_key_doc_id`; must turn out to be a string. */
  endKeyDocId?: JsonValue;
  descending: boolean;
  /** Unset means unlimited (or the configured query limit). */
  limit?: number;
  skip: number;
  group?: boolean;
  groupLevel?: number;
  inclusiveEnd: boolean;
  includeDocs: boolean;
  /** Unset is not the same as `false`: any explicit value is an error on a reduce query. */
  conflicts?: boolean;
  attachments: boolean;
  attEncodingInfo: boolean;
  update: UpdateMode;
  /** Clustered shard-selection hint; validated, no effect on a single node. */
  stable: boolean;
  updateSeq: boolean;
  /** Clustered merge-sort switch; validated, no effect on a single node. */
  sorted: boolean;
  /** Only for partitioned databases, which Settee does not have: always rejected. */
  partition?: string;
}

/** The arguments of a query that gives no parameters. */
export function defaultArgs(): ViewQueryArgs {
  return {
    descending: false,
    skip: 0,
    inclusiveEnd: true,
    includeDocs: false,
    attachments: false,
    attEncodingInfo: false,
    update: 'true',
    stable: false,
    updateSeq: false,
    sorted: true,
  };
}

/**
 * The plain data that goes into and comes out of a sandbox. Everything here survives
 * `structuredClone`, so a worker thread can receive a spec and send results back as-is.
 */

/** Structurally identical to the engine's, reduce's and query's `JsonValue`. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** One user function of a design document, named by its view or search index. */
export interface FunctionSource {
  readonly name: string;
  readonly source: string;
}

/** What one sandbox compiles: the functions of one design document. */
export interface SandboxSpec {
  /** A label for stack traces and messages, e.g. the design document id. */
  readonly name?: string;
  /** Map functions in view order; identical sources are compiled and run once. */
  readonly maps?: readonly FunctionSource[];
  /** Search index functions (`indexes.<name>.index`). */
  readonly indexes?: readonly FunctionSource[];
  /** The `views.lib` tree; `require('views/lib/...')` resolves in it. */
  readonly lib?: unknown;
}

export interface SandboxOptions {
  /** Per-document (and per compile or reduce call) time limit. Default 5000, CouchDB's `os_process_timeout`. */
  readonly timeoutMs?: number;
  /** Lets user code call `eval` and `new Function` inside the sandbox. Default false. */
  readonly allowCodeGeneration?: boolean;
  /** Log lines kept between two `takeLogs()` calls; later lines are counted, not kept. Default 1000. */
  readonly maxLogLines?: number;
  /** Rows one function may emit for one document before it fails with a RangeError. Default 1,000,000. */
  readonly maxRowsPerCall?: number;
}

export type ResolvedSandboxOptions = Required<SandboxOptions>;

/** An emitted `[key, value]`, already through CouchDB's JSON normalisation (§1.6). */
export type EmittedRow = [key: JsonValue, value: JsonValue];

/**
 * Why one function produced nothing for one document. `error` is the exception's name
 * (`TypeError`, `ReferenceError`, `invalid_require_path`, `compilation_error`, ...),
 * `exception` for a thrown non-error, `fatal_error` for CouchDB's `throw 'fatal_error'`,
 * `timeout` when the document ran out of time, `bad_doc` when its JSON did not parse.
 */
export interface FunctionError {
  readonly docId: string | null;
  /** The view or search index name; `null` when the whole document was skipped. */
  readonly view: string | null;
  readonly error: string;
  readonly message: string;
  /** CouchDB aborts the whole indexing run for these (`'fatal_error'`, `['fatal', ...]`). */
  readonly fatal: boolean;
}

export interface MapDocResult {
  /** Per view, in `spec.maps` order, the rows the view's map emitted for this document. */
  readonly rows: EmittedRow[][];
  readonly errors: FunctionError[];
}

/** How Clouseau analyses a string field (`index` option, Lucene 3 names). */
export const INDEX_MODES = ['analyzed', 'not_analyzed', 'analyzed_no_norms', 'not_analyzed_no_norms', 'no'] as const;
export type IndexMode = (typeof INDEX_MODES)[number];

/**
 * One `index(field, value, options)` call, normalised: booleans became `"true"`/`"false"`
 * (always `not_analyzed`), numbers stay numbers, options carry Cloudant's defaults.
 */
export interface IndexField {
  readonly field: string;
  readonly value: string | number;
  readonly store: boolean;
  readonly index: IndexMode;
  readonly facet: boolean;
  readonly boost: number;
}

export interface IndexDocResult {
  /** Per search index, in `spec.indexes` order, the fields indexed for this document. */
  readonly fields: IndexField[][];
  readonly errors: FunctionError[];
}

/**
 * A compiled JavaScript reduce. Arguments go in as JSON and the result comes back as JSON
 * (`undefined` → `null`). A user exception is rethrown as host data: the string
 * `'fatal_error'`, a `['fatal', error, reason]` array, or a `SandboxFunctionError`;
 * running out of time throws a 500 `os_process_error` `SetteeError`.
 */
export type ReduceFunction = (keys: Array<[JsonValue, string]> | null, values: JsonValue[], rereduce: boolean) => JsonValue;

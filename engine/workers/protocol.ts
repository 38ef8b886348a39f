/**
 * Every message that crosses the worker-thread boundary. Workers receive plain data (a
 * design document's code and a batch of documents) and return plain data (rows per view,
 * or index entries per search index); they never touch LMDB.
 */
import type { IndexField } from '../../views/index.js';
import type { JsonObject, JsonValue } from '../documents/types.js';

/** The code of one design document, identified by a hash so workers can cache compiled functions. */
export interface MapProgram {
  key: string;
  /** view name → map function source */
  maps: Record<string, string>;
  /** `views.lib`, for `require('views/lib/...')` */
  lib: JsonObject | undefined;
  timeoutMs: number;
}

export interface IndexProgram {
  key: string;
  /** search index name → index function source */
  indexes: Record<string, string>;
  timeoutMs: number;
}

export type WorkerTask =
  | { kind: 'map'; program: MapProgram; docs: JsonObject[] }
  | { kind: 'index'; program: IndexProgram; docs: JsonObject[] };

export type EmittedRow = [key: JsonValue, value: JsonValue];

export interface FunctionError {
  id: string;
  /** the view or search index whose function failed */
  name: string;
  message: string;
}

export interface MapTaskResult {
  /** Per input document, in input order: view name → rows. */
  docs: Array<Record<string, EmittedRow[]>>;
  errors: FunctionError[];
  logs: string[];
}

/** One `index(field, value, options)` call, normalised by the sandbox. */
export type IndexedField = IndexField;

export interface IndexTaskResult {
  /** Per input document, in input order: index name → fields. */
  docs: Array<Record<string, IndexedField[]>>;
  errors: FunctionError[];
  logs: string[];
}

export type WorkerResult<T extends WorkerTask> = T extends { kind: 'map' } ? MapTaskResult : IndexTaskResult;

/**
 * View query parameters: parsing a request's query string and JSON body into
 * `ViewQueryArgs`, then validating them against a view (or `_all_docs`) into a resolved,
 * typed query for the index layer. Pure code: no I/O.
 *
 * @example
 * const args = parseViewQuery(new URLSearchParams('startkey=1&endkey=5&limit=2'));
 * const query = validateViewQuery(args, { hasReduce: false, collate });
 * // { kind: 'map', startKey: 1, endKey: 5, limit: 2, skip: 0, ... }
 */
export { parseViewQuery } from './parse.js';
export { parseMultiQuery } from './multi.js';
export { validateViewQuery, type ViewInfo } from './validate.js';
export {
  parseAllDocsQuery,
  parseAllDocsMultiQuery,
  validateAllDocsQuery,
  type AllDocsOptions,
} from './all-docs.js';
export { compareDocIds } from './docid-order.js';
export { UPDATE_MODES, type UpdateMode, type ViewQueryArgs } from './args.js';
export type { QueryParams } from './params.js';
export type { Collate, JsonValue } from './json.js';
export {
  UNLIMITED,
  type AllDocsQuery,
  type DocOptions,
  type Freshness,
  type Grouping,
  type MapViewQuery,
  type ReduceViewQuery,
  type ResolvedViewQuery,
  type RowSelection,
} from './resolved.js';

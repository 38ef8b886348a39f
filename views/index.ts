/**
 * The public API of `views/`: errors, design documents and the sandbox that runs their
 * code, collation and key encoding, query parsing, reduce functions, and the view index.
 */
export { SetteeError, errors } from './errors.js';
export * from './query/index.js';
export {
  parseReduceSource,
  createReducer,
  toReduceRow,
  type AnyReducer,
  type Reducer,
  type ReduceSpec,
  type ReduceRow,
  type ReduceOutput,
  type ReduceResponseRow,
} from './reduce/index.js';
export { Sandbox, SandboxFunctionError } from './sandbox/index.js';
export type { IndexField, EmittedRow, FunctionError } from './sandbox/types.js';
export * from './design/index.js';
export { ViewIndex, BULK_REBUILD_SHARE, type DocRows, type ViewTables } from './index/view-index.js';
export { queryMap, queryReduce, type MapResult, type MapRow, type ReduceResult } from './index/view-query.js';
export { createRowKeyCodec } from './index/collation-codec.js';
export { collate, collateRaw, encodeKey, COLLATOR_VERSION, type CollationMode } from './collation/index.js';
export type { RowKeyCodec, KeyBounds } from './index/row-codec.js';
export type { OrderedTable, Bytes } from './index/table.js';

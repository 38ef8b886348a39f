/** The public API of Settee's engine: the embedded store, its databases, the server. */
export { Settee, type SetteeOptions, type DatabaseOptions } from './settee.js';
export { Database, type GetOptions, type WriteOptions, type WriteGuard, type WriteOrigin } from './documents/database.js';
export type { AllDocsOptions, AllDocsResult, AllDocsRow } from './documents/all-docs.js';
export type { ChangesOptions, ChangesResult, ChangesFilter } from './documents/changes-feed.js';
export type { Doc, ChangeRow, WriteResult, WriteFailure, DatabaseInfo, JsonValue, JsonObject } from './documents/types.js';
export { SetteeError } from '../views/index.js';

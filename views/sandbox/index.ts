/**
 * The user-code sandbox: CouchDB map, reduce and search-index functions compiled into an
 * isolated `vm` realm per design document, run with per-document time limits.
 * See DESIGN.md in this folder.
 */
export { Sandbox } from './sandbox.js';
export { SandboxFunctionError } from './function-error.js';
export { DEFAULT_SANDBOX_OPTIONS } from './plan.js';
export { isSandboxPromise } from './rejections.js';
export {
  INDEX_MODES,
  type EmittedRow,
  type FunctionError,
  type FunctionSource,
  type IndexDocResult,
  type IndexField,
  type IndexMode,
  type JsonValue,
  type MapDocResult,
  type ReduceFunction,
  type SandboxOptions,
  type SandboxSpec,
} from './types.js';

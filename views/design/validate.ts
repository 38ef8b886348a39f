/**
 * `validateDesignDoc`: the checks CouchDB runs when a design document is saved
 * (`couch_mrview:validate/2`, §1.2), in its order:
 * 1. member types (fields.ts);
 * 2. every view but `lib` has a `map`;
 * 3. `options.partitioned: true` only in a partitioned database;
 * 4. for JavaScript: every map, every custom reduce and every search index function
 *    compiles; reduce names starting with `_` go to `validateReduceName`.
 *    For `query` (Mango) only reduce names are checked; other languages have no query
 *    server, so nothing is compiled and the document is accepted.
 */
import { errors } from '../errors.js';
import { Sandbox, type SandboxOptions } from '../sandbox/index.js';
import { languageOf, sandboxSpec, viewDefinitions } from './definitions.js';
import { checkFieldTypes } from './fields.js';
import { DEFAULT_LANGUAGE, LIB_KEY, type DesignDoc } from './types.js';

export interface ValidateDesignDocOptions {
  /**
   * Checks a built-in reduce name (a `reduce` starting with `_`) and throws a 400
   * `invalid_design_doc` `SetteeError` for unknown names and bad ranks; pass the reduce
   * module's parser here. Without it, `checkBuiltinReducePrefix` is used.
   */
  readonly validateReduceName?: (name: string) => void;
  /** Whether the database is partitioned. Default false. */
  readonly partitioned?: boolean;
  /** Options for the compiling sandbox (its `timeoutMs` bounds a source's evaluation). */
  readonly sandbox?: SandboxOptions;
}

/** The built-in reduces by prefix, for when no `validateReduceName` is given (ranks unchecked). */
const BUILTIN_REDUCE_PREFIXES = ['_sum', '_count', '_stats', '_approx_count_distinct', '_first', '_last', '_top_', '_bottom_'];

/** Minimal stand-in for the reduce module's parser: accepts any name with a built-in prefix. */
export function checkBuiltinReducePrefix(name: string): void {
  if (!BUILTIN_REDUCE_PREFIXES.some((prefix) => name.startsWith(prefix))) {
    throw errors.invalidDesignDoc(`\`${name}\` is not a supported reduce function.`);
  }
}

/**
 * Returns `doc` typed as a design document, or throws a 400 `SetteeError`:
 * `invalid_design_doc` or `compilation_error`.
 *
 * @example
 * validateDesignDoc({ views: { v: { reduce: '_sum' } } });
 * // throws invalid_design_doc "View `v` must contain map function"
 */
export function validateDesignDoc(doc: unknown, options: ValidateDesignDocOptions = {}): DesignDoc {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw errors.invalidDesignDoc('design document must be a JSON object');
  }
  const ddoc = doc as DesignDoc;
  checkFieldTypes(ddoc);
  for (const [name, view] of Object.entries(ddoc.views ?? {})) {
    if (name !== LIB_KEY && (view as { map?: unknown }).map === undefined) {
      throw errors.invalidDesignDoc(`View \`${name}\` must contain map function`);
    }
  }
  if (ddoc.options?.partitioned === true && options.partitioned !== true) {
    throw errors.invalidDesignDoc('partitioned option cannot be true in a non-partitioned database.');
  }
  const language = languageOf(ddoc);
  if (language === DEFAULT_LANGUAGE) compileAll(ddoc, options);
  else if (language === 'query') checkReduceNames(ddoc, options);
  return ddoc;
}

function checkReduceNames(ddoc: DesignDoc, options: ValidateDesignDocOptions): void {
  const validateReduceName = options.validateReduceName ?? checkBuiltinReducePrefix;
  for (const [, view] of viewDefinitions(ddoc)) {
    if (view.reduce?.startsWith('_') === true) validateReduceName(view.reduce);
  }
}

function compileAll(ddoc: DesignDoc, options: ValidateDesignDocOptions): void {
  const spec = sandboxSpec(ddoc);
  const hasCustomReduce = viewDefinitions(ddoc).some(([, view]) => view.reduce !== undefined && !view.reduce.startsWith('_'));
  if ((spec.maps?.length ?? 0) === 0 && (spec.indexes?.length ?? 0) === 0 && !hasCustomReduce) {
    checkReduceNames(ddoc, options);
    return;
  }
  const sandbox = new Sandbox(spec, options.sandbox);
  const validateReduceName = options.validateReduceName ?? checkBuiltinReducePrefix;
  for (const [name, view] of viewDefinitions(ddoc)) {
    if (view.reduce === undefined) continue;
    if (view.reduce.startsWith('_')) validateReduceName(view.reduce);
    else sandbox.compileReduce(view.reduce, { view: name });
  }
}

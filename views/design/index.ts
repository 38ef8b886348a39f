/**
 * Design documents: their types, the checks CouchDB runs when one is saved, the
 * per-view and per-search-index signatures that name storage, and the sandbox spec
 * that compiles their functions.
 */
export {
  DEFAULT_ANALYZER,
  DEFAULT_LANGUAGE,
  LIB_KEY,
  type DesignDoc,
  type DesignOptions,
  type LibTree,
  type SearchIndexDefinition,
  type SearchIndexSignature,
  type ViewDefinition,
  type ViewOptions,
  type ViewSignature,
} from './types.js';
export { validateDesignDoc, checkBuiltinReducePrefix, type ValidateDesignDocOptions } from './validate.js';
export { viewSignature, searchIndexSignature, canonicalJson, SIGNATURE_VERSION } from './signature.js';
export {
  languageOf,
  viewDefinitions,
  viewDefinition,
  viewsLib,
  searchIndexNames,
  searchIndexDefinition,
  sandboxSpec,
} from './definitions.js';

/**
 * Signatures: the names of a view's and a search index's storage.
 *
 * CouchDB signs a whole view group, so editing one view rebuilds them all. Settee signs
 * each view on its own, from what decides its rows and reductions — map source, reduce
 * source, view `options`, design `options` (which documents are mapped), `language` and
 * `views.lib` (which `require` can read) — so editing one view rebuilds only that view.
 * Names, `_id`, `_rev`, other views and non-view members (`validate_doc_update`,
 * `autoupdate`, `indexes`, ...) do not take part: two design documents with the same
 * definition share a signature, as two CouchDB design documents share an index file.
 * A search index is signed, as in dreyfus, by its analyzer and index function.
 *
 * The hash is SHA-256 over canonical JSON (object keys sorted at every depth), with a
 * format version so a change of Settee's storage layout can retire old signatures.
 */
import { createHash } from 'node:crypto';
import { languageOf, searchIndexDefinition, viewDefinition, viewsLib } from './definitions.js';
import type { DesignDoc, SearchIndexSignature, ViewSignature } from './types.js';

/** Bump when the rows or summaries stored under a signature change meaning. */
export const SIGNATURE_VERSION = 1;

/**
 * @throws SetteeError 404 `missing_named_view` when the design document has no such view.
 * @example
 * viewSignature({ views: { a: { map: 'function (doc) { emit(doc.x); }' } } }, 'a'); // '3f1c…' (64 hex digits)
 */
export function viewSignature(ddoc: DesignDoc, viewName: string): ViewSignature {
  const view = viewDefinition(ddoc, viewName);
  return sha256Hex({
    kind: 'view',
    version: SIGNATURE_VERSION,
    map: view.map,
    reduce: view.reduce ?? null,
    viewOptions: view.options ?? null,
    designOptions: ddoc.options ?? null,
    language: languageOf(ddoc),
    lib: viewsLib(ddoc) ?? null,
  }) as ViewSignature;
}

/**
 * @throws SetteeError 404 `not_found` / 400 `invalid_design_doc` as `searchIndexDefinition`.
 */
export function searchIndexSignature(ddoc: DesignDoc, indexName: string): SearchIndexSignature {
  const definition = searchIndexDefinition(ddoc, indexName);
  return sha256Hex({
    kind: 'search',
    version: SIGNATURE_VERSION,
    analyzer: definition.analyzer ?? null,
    index: definition.index,
  }) as SearchIndexSignature;
}

function sha256Hex(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** JSON with object keys sorted at every depth, so equal values always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.keys(value)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

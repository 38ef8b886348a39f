/**
 * Reading the parts of a design document the indexers need: its views (without `lib`),
 * its module tree, its search indexes, and the sandbox spec that compiles them.
 */
import { errors } from '../errors.js';
import type { SandboxSpec } from '../sandbox/index.js';
import {
  DEFAULT_ANALYZER,
  DEFAULT_LANGUAGE,
  LIB_KEY,
  type DesignDoc,
  type LibTree,
  type SearchIndexDefinition,
  type ViewDefinition,
} from './types.js';

export function languageOf(ddoc: DesignDoc): string {
  return ddoc.language ?? DEFAULT_LANGUAGE;
}

/** The views of a validated design document, in document order, without `lib`. */
export function viewDefinitions(ddoc: DesignDoc): Array<[name: string, view: ViewDefinition]> {
  return Object.entries(ddoc.views ?? {})
    .filter(([name]) => name !== LIB_KEY)
    .map(([name, view]) => [name, view as ViewDefinition]);
}

/** One view; 404 `not_found` `missing_named_view` when there is no such view (or it is `lib`). */
export function viewDefinition(ddoc: DesignDoc, name: string): ViewDefinition {
  const views = ddoc.views ?? {};
  if (name === LIB_KEY || !Object.hasOwn(views, name)) throw errors.notFound('missing_named_view');
  return views[name] as ViewDefinition;
}

export function viewsLib(ddoc: DesignDoc): LibTree | undefined {
  const views = ddoc.views ?? {};
  return Object.hasOwn(views, LIB_KEY) ? (views[LIB_KEY] as LibTree) : undefined;
}

/** The names under `indexes` (none when `indexes` is not an object; CouchDB tolerates that). */
export function searchIndexNames(ddoc: DesignDoc): string[] {
  return isObject(ddoc.indexes) ? Object.keys(ddoc.indexes) : [];
}

/**
 * One search index, checked as dreyfus checks it when it is opened: 404 `not_found`
 * "<name> not found." when absent, 400 `invalid_design_doc`
 * "index `<name>` must have parameter `index`" when it has no usable function.
 */
export function searchIndexDefinition(ddoc: DesignDoc, name: string): SearchIndexDefinition {
  const indexes = isObject(ddoc.indexes) ? ddoc.indexes : {};
  if (!Object.hasOwn(indexes, name)) throw errors.notFound(`${name} not found.`);
  const definition = indexes[name];
  if (!isObject(definition) || typeof definition.index !== 'string') {
    throw errors.invalidDesignDoc(`index \`${name}\` must have parameter \`index\``);
  }
  return { index: definition.index, analyzer: definition.analyzer ?? DEFAULT_ANALYZER };
}

/**
 * What a `Sandbox` compiles for this design document: every JavaScript map with a string
 * source, every search index with a string function, and `views.lib`. Empty for other
 * languages (they have no query server here).
 */
export function sandboxSpec(ddoc: DesignDoc): SandboxSpec {
  if (languageOf(ddoc) !== DEFAULT_LANGUAGE) return { name: ddoc._id ?? 'design', maps: [], indexes: [] };
  const maps = viewDefinitions(ddoc)
    .filter(([, view]) => typeof view.map === 'string')
    .map(([name, view]) => ({ name, source: view.map as string }));
  const indexes = searchIndexNames(ddoc).flatMap((name) => {
    const definition = (ddoc.indexes as Record<string, unknown>)[name];
    return isObject(definition) && typeof definition.index === 'string' ? [{ name, source: definition.index }] : [];
  });
  return { name: ddoc._id ?? 'design', maps, indexes, lib: viewsLib(ddoc) };
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Design documents as stored (§1.1 of the views reference, §1.1 of the search reference).
 * Fields CouchDB checks on save are typed; the rest stay `unknown` until read through
 * the helpers in definitions.ts, which check them where they are used.
 */

/** `views.lib`: a tree of CommonJS module sources, addressed as `require('views/lib/<path>')`. */
export type LibTree = { readonly [name: string]: string | LibTree };

export interface ViewOptions {
  /** `"raw"` switches the view to raw collation; anything else is ICU. */
  readonly collation?: unknown;
  readonly [option: string]: unknown;
}

export interface ViewDefinition {
  /** JavaScript source, or a Mango index definition when the language is `query`. */
  readonly map: string | { readonly [field: string]: unknown };
  /** JavaScript source or a built-in name (`_sum`, `_count`, ...). */
  readonly reduce?: string;
  readonly options?: ViewOptions;
}

export interface DesignOptions {
  readonly include_design?: boolean;
  readonly local_seq?: boolean;
  readonly partitioned?: boolean;
  readonly [option: string]: unknown;
}

/** `indexes.<name>` of a Cloudant-style search index. */
export interface SearchIndexDefinition {
  readonly index: string;
  /** An analyzer name or `{name, default, fields, stopwords}` object; `"standard"` when absent. */
  readonly analyzer?: unknown;
}

export interface DesignDoc {
  readonly _id?: string;
  readonly _rev?: string;
  /** `"javascript"` when absent. */
  readonly language?: string;
  readonly options?: DesignOptions;
  /** View definitions by name, and the `lib` module tree under `lib`. */
  readonly views?: { readonly [name: string]: ViewDefinition | LibTree };
  /** Search indexes by name; CouchDB does not check them on save, so neither is this typed. */
  readonly indexes?: unknown;
  readonly [field: string]: unknown;
}

/** The hex SHA-256 naming one view's storage; see signature.ts. */
export type ViewSignature = string & { readonly __brand: 'ViewSignature' };

/** The hex SHA-256 naming one search index's storage; see signature.ts. */
export type SearchIndexSignature = string & { readonly __brand: 'SearchIndexSignature' };

export const DEFAULT_LANGUAGE = 'javascript';
export const DEFAULT_ANALYZER = 'standard';
/** The key of `views` that holds modules, not a view. */
export const LIB_KEY = 'lib';

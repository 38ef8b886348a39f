/**
 * The public API of Settee's full-text search, the only module other folders import:
 * analyzers (`analysis/`), the Lucene query language (`query/`) and the LMDB-backed text
 * index with its sort, facets, bookmarks and suggester (`index/`).
 */
export * from './analysis/index.js';
export * from './query/index.js';
export * from './index/index.js';

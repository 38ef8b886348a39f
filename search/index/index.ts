/**
 * The full-text index: Cloudant-style search over LMDB tables (postings with positions,
 * the term dictionary, norms, doc values, stored fields), incremental per document,
 * queried with Lucene syntax and answered in Cloudant's shapes; plus the FlexSearch
 * suggester. The engine opens the tables and owns the transactions.
 */
export { SearchIndex, type SuggestResult } from './search-index.js';
export { SEARCH_TABLE_NAMES, type SearchTables, type DocRecord, type FieldStats } from './tables.js';
export type { DocChange } from './writer.js';
export { prepareDocument, type IndexCall, type PreparedDoc, type StoredValue } from './document.js';
export { paramsFromBody, paramsFromQueryString, type RawSearchParams } from './params.js';
export { validateSearchRequest, DEFAULT_LIMIT, MAX_LIMIT, type SearchRequest, type UpdateMode } from './request.js';
export type { SearchResult, GroupedSearchResult, SearchRow } from './search.js';
export type { Plan } from './plan.js';
export { compileQuery } from './from-query.js';

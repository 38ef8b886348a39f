/** A search index over real LMDB tables in a temporary directory, for tests. */
import { Store } from '../../../engine/storage/lmdb.js';
import { buildAnalyzer, parseAnalyzerSpec } from '../../../search/analysis/index.js';
import { SEARCH_TABLE_NAMES, type SearchTables } from '../../../search/index/tables.js';
import type { IndexCall } from '../../../search/index/document.js';
import type { DocChange } from '../../../search/index/writer.js';
import { makeTempDir } from '../../helpers/temp-dir.js';
import { SearchIndex, paramsFromBody, validateSearchRequest, type SearchResult, type GroupedSearchResult } from '../../../search/index/index.js';

export interface TestStore {
  store: Store;
  tables(name: string): SearchTables;
  close(): Promise<void>;
}

export async function openTestStore(): Promise<TestStore> {
  const { dir, cleanup } = await makeTempDir();
  const store = Store.open(dir);
  return {
    store,
    tables(name) {
      const tables = {} as Record<string, unknown>;
      for (const table of SEARCH_TABLE_NAMES) tables[table] = store.table(`${name}:${table}`, 'binary');
      return tables as unknown as SearchTables;
    },
    async close() {
      await store.close();
      await cleanup();
    },
  };
}

export const standardAnalyzer = () => buildAnalyzer(parseAnalyzerSpec('standard'));

/** `index()` calls with Cloudant's defaults. */
export function call(field: string, value: string | number, options: Partial<Omit<IndexCall, 'field' | 'value'>> = {}): IndexCall {
  return { field, value, store: false, index: 'analyzed', facet: false, boost: 1, ...options };
}

export function put(id: string, ...fields: IndexCall[]): DocChange {
  return { id, fields };
}

export function del(id: string): DocChange {
  return { id, fields: undefined };
}

/** Opens a `SearchIndex` over fresh tables and loads `changes`. */
export async function openIndex(changes: DocChange[], analyzer: unknown = 'standard'): Promise<{ index: SearchIndex; store: TestStore; query(params: Record<string, unknown>): SearchResult & GroupedSearchResult; ids(params: Record<string, unknown>): string[] }> {
  const store = await openTestStore();
  const index = new SearchIndex(store.tables('idx'), parseAnalyzerSpec(analyzer));
  if (changes.length) await store.store.write(() => index.apply(changes, changes.length));
  const query = (params: Record<string, unknown>) => index.search(validateSearchRequest(paramsFromBody(params))) as SearchResult & GroupedSearchResult;
  return { index, store, query, ids: (params) => query(params).rows.map((row) => row.id) };
}

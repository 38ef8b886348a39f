/**
 * Where search indexes live: eight tables per index signature inside the database's own
 * LMDB store (`search:<sig>:<table>`), so a batch, the statistics and the checkpoint
 * commit in one transaction. Design documents with the same index definition share one
 * index.
 */
import { SEARCH_TABLE_NAMES, SearchIndex, type SearchTables } from '../../search/index/index.js';
import type { Database } from '../documents/database.js';
import type { SearchIndexInfo } from './search-designs.js';

const TABLE_PREFIX = 'search:';

export class SearchStore {
  private readonly indexes = new Map<string, SearchIndex>();

  constructor(private readonly db: Database) {}

  open(info: SearchIndexInfo): SearchIndex {
    const cached = this.indexes.get(info.signature);
    if (cached) return cached;
    const tables: Record<string, unknown> = {};
    for (const name of SEARCH_TABLE_NAMES) tables[name] = this.db.store.table(`${TABLE_PREFIX}${info.signature}:${name}`, 'binary');
    const index = new SearchIndex(tables as unknown as SearchTables, info.analyzer!);
    this.indexes.set(info.signature, index);
    return index;
  }

  /** Signatures that have tables in the store. */
  storedSignatures(): Set<string> {
    const signatures = new Set<string>();
    for (const name of this.db.store.tableNames()) {
      if (name.startsWith(TABLE_PREFIX)) signatures.add(name.slice(TABLE_PREFIX.length).split(':')[0]!);
    }
    return signatures;
  }

  /** Removes an index's tables (`_search_cleanup`). */
  async drop(signature: string): Promise<void> {
    this.indexes.delete(signature);
    await this.db.store.write(() => {
      for (const name of SEARCH_TABLE_NAMES) this.db.store.table(`${TABLE_PREFIX}${signature}:${name}`, 'binary').drop();
    });
  }
}

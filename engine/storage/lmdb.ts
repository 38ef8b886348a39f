/**
 * The only module that loads the `lmdb` native addon. Everything else sees the small
 * `Store`/`Table` interface below, so the rest of Settee states what it needs from
 * storage (ordered binary keys, msgpack values, atomic multi-table transactions,
 * snapshot reads) instead of depending on lmdb-js types.
 *
 * One `Store` is one LMDB environment (one directory). All tables of a store commit
 * together, which is what makes "rows + back-index + checkpoint" atomic.
 */
import { open, type Database, type RootDatabase } from 'lmdb';

export type KeyBytes = Uint8Array;
export type TableKey = KeyBytes | string | number;

export interface RangeQuery<K> {
  start?: K;
  end?: K;
  reverse?: boolean;
  limit?: number;
  offset?: number;
}

/** A named, ordered key/value table inside a store. Values are msgpack-encoded. */
export interface Table<K extends TableKey, V> {
  get(key: K): V | undefined;
  put(key: K, value: V): void;
  remove(key: K): void;
  range(query?: RangeQuery<K>): Iterable<{ key: K; value: V }>;
  keys(query?: RangeQuery<K>): Iterable<K>;
  count(query?: RangeQuery<K>): number;
  clear(): void;
  drop(): void;
}

export type KeyKind = 'binary' | 'string' | 'number';

/**
 * LMDB refuses keys longer than this (511 is the compile-time default; lmdb-js builds
 * with 1978 for 4 KiB pages). Callers that may produce longer keys must shorten them.
 */
export const MAX_KEY_BYTES = 1978;

/** How many named tables one environment may hold: per view three, per search index two. */
const MAX_TABLES = 2000;

export class Store {
  private readonly root: RootDatabase;
  private readonly tables = new Map<string, Table<TableKey, unknown>>();

  private constructor(root: RootDatabase) {
    this.root = root;
  }

  /**
   * Opens (creating if needed) the environment in `dir`. lmdb-js grows the memory map
   * on demand, so no map size has to be chosen up front.
   */
  static open(dir: string): Store {
    return new Store(open({ path: dir, maxDbs: MAX_TABLES, compression: false }));
  }

  table<K extends TableKey, V>(name: string, keyKind: KeyKind): Table<K, V> {
    const cached = this.tables.get(name);
    if (cached) return cached as unknown as Table<K, V>;
    const db = this.root.openDB({
      name,
      keyEncoding: keyKind === 'binary' ? 'binary' : 'ordered-binary',
      encoding: 'msgpack',
    }) as Database<V, TableKey>;
    const table = wrapTable<K, V>(db);
    this.tables.set(name, table as unknown as Table<TableKey, unknown>);
    return table;
  }

  /** Names of the named tables that exist in this environment. */
  tableNames(): string[] {
    const names: string[] = [];
    for (const key of this.root.getKeys()) if (typeof key === 'string') names.push(key);
    return names;
  }

  /**
   * Runs `action` in one write transaction; all its puts and removes across every table
   * commit atomically, and the promise resolves once the commit is durable-ordered.
   */
  write<T>(action: () => T): Promise<T> {
    return this.root.transaction(action);
  }

  /** Same as `write` but commits before returning; only for start-up and tests. */
  writeSync<T>(action: () => T): T {
    return this.root.transactionSync(action);
  }

  /** Resolves once everything committed so far has been flushed to disk. */
  flushed(): Promise<void> {
    return this.root.flushed.then(() => undefined);
  }

  /** Bytes used by the environment's data file. */
  size(): number {
    const stat = this.root.getStats() as { pageSize?: number; treeBranchPageCount?: number; lastPageNumber?: number };
    return (stat.lastPageNumber ?? 0) * (stat.pageSize ?? 4096);
  }

  async close(): Promise<void> {
    await this.root.close();
  }
}

function wrapTable<K extends TableKey, V>(db: Database<V, TableKey>): Table<K, V> {
  return {
    get: (key) => db.get(key),
    // Sync variants: inside a `Store.write` callback they join that transaction.
    put: (key, value) => void db.putSync(key, value),
    remove: (key) => void db.removeSync(key),
    range: (query = {}) => db.getRange(query) as Iterable<{ key: K; value: V }>,
    keys: (query = {}) => db.getKeys(query) as Iterable<K>,
    count: (query = {}) => db.getCount(query),
    clear: () => void db.clearSync(),
    drop: () => void db.dropSync(),
  };
}

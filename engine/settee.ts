/**
 * `Settee`: the embedded entry point. It owns the data directory, where each database
 * is one LMDB environment in its own sub-directory, hands out `Database` objects, and
 * runs their view indexes on one shared worker pool.
 *
 *   const settee = await Settee.open({ dir: './data' });
 *   const db = await settee.database('shop', { create: true });
 *   await db.put({ _id: 'apple', price: 3 });
 *   await db.put({ _id: '_design/shop', views: { by_price: { map: 'function(doc){ emit(doc.price, 1) }' } } });
 *   const { rows } = await db.view('shop/by_price', { startkey: 2 });
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { errors, parseViewQuery, SetteeError, validateDesignDoc, parseReduceSource } from '../views/index.js';
import { Database } from './documents/database.js';
import type { Doc } from './documents/types.js';
import { ActiveTasks } from './indexing/active-tasks.js';
import { Follower, guardMirror } from './follow/follower.js';
import { guardCopyTarget, rejectCopyCycles } from './indexing/dbcopy.js';
import { ViewEngine } from './indexing/view-engine.js';
import { SearchEngine } from './indexing/search-engine.js';
import { paramsFromBody } from '../search/index/index.js';
import { createLogger, type Logger } from './logger.js';
import { Store } from './storage/lmdb.js';
import { WorkerPool } from './workers/pool.js';

export interface SetteeOptions {
  dir: string;
  /** Worker threads for map and index functions (default: the number of cores). */
  workers?: number;
  /** Time limit for one user function call on one document (default 5000 ms). */
  functionTimeoutMs?: number;
  logger?: Logger;
}

export interface DatabaseOptions {
  /** Create the database if it does not exist (otherwise a 404 `not_found`). */
  create?: boolean;
}

/** CouchDB's rule for database names. */
const DB_NAME = /^[a-z][a-z0-9_$()+/-]*$/;
const MAX_DB_NAME_LENGTH = 238;
const DEFAULT_FUNCTION_TIMEOUT_MS = 5000;

export function validateDatabaseName(name: string): void {
  if (!DB_NAME.test(name) || name.length > MAX_DB_NAME_LENGTH) {
    throw new SetteeError(
      400,
      'illegal_database_name',
      `Name: '${name}'. Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, -, and / are allowed. Must begin with a letter.`,
    );
  }
}

export type DatabaseListener = (db: Database) => void;

export class Settee {
  readonly dir: string;
  readonly activeTasks = new ActiveTasks();
  readonly logger: Logger;
  private readonly workers: number;
  private readonly functionTimeoutMs: number;
  private readonly open = new Map<string, Database>();
  private readonly opening = new Map<string, Promise<Database>>();
  private readonly engines = new Map<string, ViewEngine>();
  private readonly searchEngines = new Map<string, SearchEngine>();
  private readonly openListeners: DatabaseListener[] = [];
  private readonly deleteListeners: Array<(name: string) => Promise<void> | void> = [];
  private pool: WorkerPool | undefined;
  private readonly followers = new Set<Follower>();

  private constructor(options: SetteeOptions) {
    this.dir = options.dir;
    this.workers = options.workers ?? availableParallelism();
    this.functionTimeoutMs = options.functionTimeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS;
    this.logger = options.logger ?? createLogger('silent');
  }

  static async open(options: SetteeOptions): Promise<Settee> {
    await mkdir(options.dir, { recursive: true });
    return new Settee(options);
  }

  /** Called for every database as it is opened. */
  onDatabaseOpen(listener: DatabaseListener): void {
    this.openListeners.push(listener);
    for (const db of this.open.values()) listener(db);
  }

  onDatabaseDelete(listener: (name: string) => Promise<void> | void): void {
    this.deleteListeners.push(listener);
  }

  exists(name: string): boolean {
    return this.open.has(name) || existsSync(this.pathOf(name));
  }

  async database(name: string, options: DatabaseOptions = {}): Promise<Database> {
    const cached = this.open.get(name) ?? this.opening.get(name);
    if (cached) return cached;
    validateDatabaseName(name);
    if (!this.exists(name) && !options.create) throw errors.notFound('Database does not exist.');
    const opening = mkdir(this.pathOf(name), { recursive: true }).then(() => this.attach(name));
    this.opening.set(name, opening);
    try {
      return await opening;
    } finally {
      this.opening.delete(name);
    }
  }

  /** Creates a database; 412 `file_exists` if it is already there. */
  async createDatabase(name: string): Promise<Database> {
    validateDatabaseName(name);
    if (this.exists(name)) throw errors.fileExists();
    return this.database(name, { create: true });
  }

  async deleteDatabase(name: string): Promise<void> {
    validateDatabaseName(name);
    if (!this.exists(name)) throw errors.notFound('Database does not exist.');
    for (const listener of this.deleteListeners) await listener(name);
    await this.engines.get(name)?.close();
    this.engines.delete(name);
    await this.searchEngines.get(name)?.close();
    this.searchEngines.delete(name);
    const db = this.open.get(name);
    this.open.delete(name);
    if (db) await db.store.close();
    await rm(this.pathOf(name), { recursive: true, force: true });
  }

  async allDbs(): Promise<string[]> {
    const entries = await readdir(this.dir, { withFileTypes: true });
    return entries
      .filter((entry) => entry.isDirectory())
      .map((entry) => decodeURIComponent(entry.name))
      .filter((name) => DB_NAME.test(name))
      .sort();
  }

  /** The view engine of an open database. */
  views(db: Database): ViewEngine {
    let engine = this.engines.get(db.name);
    if (!engine) {
      engine = new ViewEngine(db, {
        database: (name) => this.database(name, { create: true }),
        pool: () => (this.pool ??= new WorkerPool({ threads: this.workers, timeoutMs: this.functionTimeoutMs })),
        logger: this.logger,
        tasks: this.activeTasks,
        timeoutMs: this.functionTimeoutMs,
      });
      this.engines.set(db.name, engine);
    }
    return engine;
  }

  /** The full-text search engine of an open database. */
  search(db: Database): SearchEngine {
    let engine = this.searchEngines.get(db.name);
    if (!engine) {
      engine = new SearchEngine(db, {
        pool: () => (this.pool ??= new WorkerPool({ threads: this.workers, timeoutMs: this.functionTimeoutMs })),
        logger: this.logger,
        tasks: this.activeTasks,
        timeoutMs: this.functionTimeoutMs,
      });
      this.searchEngines.set(db.name, engine);
    }
    return engine;
  }

  /**
   * Mirrors a remote CouchDB-compatible database into the local database `into` (created if
   * missing, read-only to clients), following its changes feed until `close()`.
   */
  async follow(url: string, options: { into?: string; auth?: string } = {}): Promise<Follower> {
    const into = options.into ?? decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '');
    const db = await this.database(into, { create: true });
    const follower = new Follower({ url, into: db, logger: this.logger, tasks: this.activeTasks, ...(options.auth ? { auth: options.auth } : {}) });
    this.followers.add(follower);
    follower.start();
    return follower;
  }

  async close(): Promise<void> {
    await Promise.all([...this.followers].map((follower) => follower.stop()));
    this.followers.clear();
    await Promise.all([...this.engines.values()].map((engine) => engine.close()));
    this.engines.clear();
    await Promise.all([...this.searchEngines.values()].map((engine) => engine.close()));
    this.searchEngines.clear();
    await this.pool?.close();
    this.pool = undefined;
    const dbs = [...this.open.values()];
    this.open.clear();
    await Promise.all(dbs.map((db) => db.store.close()));
  }

  private attach(name: string): Database {
    const db = new Database(name, Store.open(this.pathOf(name)));
    db.addWriteGuard(async (write) => {
      if (write.kind !== 'design' || write.deleted) return;
      const ddoc = { ...write.body, _id: write.id } as Doc;
      validateDesignDoc(ddoc, { validateReduceName: (source: string) => void parseReduceSource(source) });
      await rejectCopyCycles(name, ddoc, (other) => this.designsOf(other));
    });
    guardCopyTarget(db);
    guardMirror(db);
    db.setViewHandler((ddoc, view, options) => this.views(db).query(ddoc, view, parseViewQuery([], options)));
    db.setSearchHandler((ddoc, index, options) => this.search(db).query(ddoc, index, paramsFromBody(options)));
    db.changesFeed.onCommit(() => this.views(db).scheduleAutoupdate());
    this.open.set(name, db);
    for (const listener of this.openListeners) listener(db);
    return db;
  }

  /** The design documents of a database, if it exists. */
  private async designsOf(name: string): Promise<Doc[]> {
    if (!this.exists(name)) return [];
    const db = await this.database(name);
    return db.allDocs({ startkey: '_design/', endkey: '_design0', inclusive_end: false, include_docs: true }).rows.map((row) => row.doc as Doc);
  }

  private pathOf(name: string): string {
    return join(this.dir, encodeURIComponent(name));
  }
}

/**
 * `Settee`: the embedded entry point. It owns the data directory, where each database
 * is one LMDB environment in its own sub-directory, and hands out `Database` objects.
 *
 *   const settee = await Settee.open({ dir: './data' });
 *   const db = await settee.database('shop', { create: true });
 *   await db.put({ _id: 'apple', price: 3 });
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { errors, SetteeError } from '../views/index.js';
import { Database } from './documents/database.js';
import { Store } from './storage/lmdb.js';

export interface SetteeOptions {
  dir: string;
}

export interface DatabaseOptions {
  /** Create the database if it does not exist (otherwise a 404 `not_found`). */
  create?: boolean;
}

/** CouchDB's rule for database names. */
const DB_NAME = /^[a-z][a-z0-9_$()+/-]*$/;
const MAX_DB_NAME_LENGTH = 238;

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
  private readonly open = new Map<string, Database>();
  private readonly opening = new Map<string, Promise<Database>>();
  private readonly openListeners: DatabaseListener[] = [];
  private readonly deleteListeners: Array<(name: string) => Promise<void> | void> = [];

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async open(options: SetteeOptions): Promise<Settee> {
    await mkdir(options.dir, { recursive: true });
    return new Settee(options.dir);
  }

  /** Called for every database as it is opened (indexers attach here). */
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

  async close(): Promise<void> {
    const dbs = [...this.open.values()];
    this.open.clear();
    await Promise.all(dbs.map((db) => db.store.close()));
  }

  private attach(name: string): Database {
    const db = new Database(name, Store.open(this.pathOf(name)));
    this.open.set(name, db);
    for (const listener of this.openListeners) listener(db);
    return db;
  }

  private pathOf(name: string): string {
    return join(this.dir, encodeURIComponent(name));
  }
}

/**
 * One database: documents in CouchDB semantics over its own LMDB store. Every write
 * (one document or a bulk batch) is one transaction that writes the document, its
 * changes entry and the update sequence together, and resolves only after the commit.
 */
import { errors, SetteeError } from '../../views/index.js';
import type { Store } from '../storage/lmdb.js';
import { queryAllDocs, type AllDocsOptions, type AllDocsResult } from './all-docs.js';
import { ChangesFeed, renderDoc } from './changes-feed.js';
import { classifyDocId } from './ids.js';
import { openDocumentTables, readCounter, readDocRecord, revisionKey, type DocumentTables } from './tables.js';
import type { DatabaseInfo, Doc, JsonValue, WriteFailure, WriteResult } from './types.js';
import { applyDocWrite, applyLocalWrite, applyReplicatedWrite, prepareWrite, type PreparedWrite, type ReplicatedChange } from './writes.js';

/**
 * Checks a write before its transaction, e.g. that a design document compiles or that
 * a derived database refuses client writes. Throws a SetteeError to refuse it.
 */
export type WriteGuard = (write: Readonly<PreparedWrite>, origin: WriteOrigin) => void | Promise<void>;

/** Who writes: a client, or Settee itself (chained MapReduce targets are written by the indexer). */
export type WriteOrigin = 'client' | 'internal';

export interface WriteOptions {
  origin?: WriteOrigin;
}

/** Answers `db.view()`; the engine's view engine provides it when the database is opened. */
export type ViewHandler = (ddoc: string, view: string, options: Record<string, unknown>) => Promise<unknown>;

/** Answers `db.search()`; the engine's search engine provides it when the database is opened. */
export type SearchHandler = (ddoc: string, index: string, options: Record<string, unknown>) => Promise<unknown>;

export interface GetOptions {
  rev?: string;
  local_seq?: boolean;
}

export class Database {
  readonly name: string;
  readonly store: Store;
  readonly changesFeed: ChangesFeed;
  private readonly tables: DocumentTables;
  private readonly guards: WriteGuard[] = [];
  private readonly startTime = String(Date.now() * 1000);
  private viewHandler: ViewHandler | undefined;
  private searchHandler: SearchHandler | undefined;

  constructor(name: string, store: Store) {
    this.name = name;
    this.store = store;
    this.tables = openDocumentTables(store);
    this.changesFeed = new ChangesFeed(this.tables);
  }

  addWriteGuard(guard: WriteGuard): void {
    this.guards.push(guard);
  }

  setViewHandler(handler: ViewHandler): void {
    this.viewHandler = handler;
  }

  setSearchHandler(handler: SearchHandler): void {
    this.searchHandler = handler;
  }

  /**
   * Queries a full-text index, e.g. `db.search('shop/products', { q: 'title:apple', limit: 5 })`,
   * with Cloudant's search parameters as decoded JSON values (a `_search` POST body).
   */
  async search<T = unknown>(name: string, options: Record<string, unknown> = {}): Promise<T> {
    const slash = name.indexOf('/');
    if (slash <= 0) throw errors.badRequest('search index name must be "ddoc/index"');
    if (!this.searchHandler) throw errors.internal('search is not available on this database handle');
    return (await this.searchHandler(name.slice(0, slash), name.slice(slash + 1), options)) as T;
  }

  /**
   * Queries a view, e.g. `db.view('shop/by_price', { startkey: 10, limit: 5 })`, with
   * CouchDB's query options as decoded JSON values. Waits for the index to catch up
   * unless `update: false`.
   */
  async view<T = unknown>(name: string, options: Record<string, unknown> = {}): Promise<T> {
    const slash = name.indexOf('/');
    if (slash <= 0) throw errors.badRequest('view name must be "ddoc/view"');
    if (!this.viewHandler) throw errors.internal('views are not available on this database handle');
    return (await this.viewHandler(name.slice(0, slash), name.slice(slash + 1), options)) as T;
  }

  /** Creates or updates a document; without `_id` one is generated (CouchDB's POST). */
  async put(doc: Doc, options: WriteOptions = {}): Promise<WriteResult> {
    const write = await this.prepare(doc, options.origin ?? 'client');
    return this.commit((tables) => this.apply(tables, write));
  }

  /** Deletes a document, leaving a tombstone that the changes feed reports. */
  async remove(id: string, rev: string | undefined, options: WriteOptions = {}): Promise<WriteResult> {
    return this.put({ _id: id, ...(rev === undefined ? {} : { _rev: rev }), _deleted: true }, options);
  }

  /**
   * Writes many documents in one transaction. Each document succeeds or fails on its
   * own (CouchDB's default, non-atomic `_bulk_docs` semantics); results keep input order.
   */
  async bulkDocs(docs: unknown[], options: WriteOptions = {}): Promise<Array<WriteResult | WriteFailure>> {
    const prepared: Array<PreparedWrite | WriteFailure> = [];
    for (const doc of docs) {
      try {
        prepared.push(await this.prepare(doc, options.origin ?? 'client'));
      } catch (err) {
        prepared.push(failure(doc, err));
      }
    }
    return this.commit((tables) =>
      prepared.map((write) => {
        if (!('kind' in write)) return write;
        try {
          return this.apply(tables, write);
        } catch (err) {
          return failure(write, err);
        }
      }),
    );
  }

  /**
   * Mirrors changes received from another server, and records `checkpoint` (the remote's
   * sequence they reach) as the `_local` document `checkpointId`, in one transaction: a
   * restart resumes exactly after the last batch that committed.
   */
  async applyReplicated(changes: ReplicatedChange[], checkpointId: string, checkpoint: JsonValue): Promise<void> {
    await this.commit((tables) => {
      for (const change of changes) applyReplicatedWrite(tables, change);
      const existing = tables.local.get(checkpointId);
      const generation = existing ? Number(existing.rev.split('-')[1]) + 1 : 1;
      tables.local.put(checkpointId, { rev: `0-${generation}`, body: { seq: checkpoint } });
    });
  }

  get(id: string, options: GetOptions = {}): Doc {
    const kind = classifyDocId(id);
    if (kind === 'local') {
      const local = this.tables.local.get(id);
      if (!local) throw errors.notFound('missing');
      return { _id: id, _rev: local.rev, ...local.body };
    }
    const current = readDocRecord(this.tables, id);
    const record = options.rev === undefined || options.rev === current?.rev ? current : this.tables.revs.get(revisionKey(id, options.rev));
    if (!record) throw errors.notFound('missing');
    if (record.deleted && options.rev === undefined) throw errors.notFound('deleted');
    const doc = renderDoc(id, record);
    if (options.local_seq) doc._local_seq = record.seq;
    return doc;
  }

  /** The current revision of a live document, or undefined. */
  currentRev(id: string): string | undefined {
    return this.tables.docs.get(id)?.rev;
  }

  allDocs(options: AllDocsOptions = {}): AllDocsResult {
    const result = queryAllDocs(this.tables, options);
    if (options.update_seq) result.update_seq = this.updateSeq();
    return result;
  }

  updateSeq(): number {
    return this.changesFeed.updateSeq();
  }

  info(): DatabaseInfo {
    const size = this.store.size();
    return {
      db_name: this.name,
      doc_count: readCounter(this.tables, 'doc_count'),
      doc_del_count: readCounter(this.tables, 'doc_del_count'),
      update_seq: this.updateSeq(),
      purge_seq: 0,
      compact_running: false,
      sizes: { file: size, external: size, active: size },
      instance_start_time: this.startTime,
      disk_format_version: 1,
    };
  }

  private async prepare(doc: unknown, origin: WriteOrigin): Promise<PreparedWrite> {
    const write = prepareWrite(doc, { generateId: true });
    for (const guard of this.guards) await guard(write, origin);
    return write;
  }

  private apply(tables: DocumentTables, write: PreparedWrite): WriteResult {
    if (write.kind === 'local') return applyLocalWrite(tables, write);
    const { seq: _seq, ...result } = applyDocWrite(tables, write);
    return result;
  }

  private async commit<T>(action: (tables: DocumentTables) => T): Promise<T> {
    const before = this.updateSeq();
    const result = await this.store.write(() => action(this.tables));
    const after = this.updateSeq();
    if (after !== before) this.changesFeed.notify(after);
    return result;
  }
}

function failure(doc: unknown, err: unknown): WriteFailure {
  if (!(err instanceof SetteeError)) throw err;
  const source = (doc ?? {}) as { _id?: unknown; id?: unknown };
  const id = typeof source._id === 'string' ? source._id : typeof source.id === 'string' ? source.id : '';
  const reported = err.error === 'not_found' ? errors.conflict() : err;
  return { id, error: reported.error, reason: reported.reason };
}

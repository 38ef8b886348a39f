/**
 * Where view indexes live: four tables per view signature inside the database's own LMDB
 * store (`view:<sig>:rows|back|tree|meta`), so that a view's batch and its checkpoint
 * commit in one transaction. Views with the same signature share one index.
 */
import {
  Sandbox,
  ViewIndex,
  createReducer,
  createRowKeyCodec,
  type AnyReducer,
  type RowKeyCodec,
  type ViewTables,
} from '../../views/index.js';
import { createHash } from 'node:crypto';
import { COLLATOR_VERSION } from '../../views/index.js';
import type { Database } from '../documents/database.js';
import type { Logger } from '../logger.js';
import type { ViewDefinition } from './design-registry.js';

const TABLE_PREFIX = 'view:';
const HISTORY_TABLE = 'views:latest';

/**
 * Storage is named by the view's signature and the collator's identity: an index built
 * with another collation table sorts differently, so a collator change means a rebuild.
 */
const COLLATOR_TAG = createHash('sha256').update(COLLATOR_VERSION).digest('hex').slice(0, 8);

export function storageName(view: ViewDefinition): string {
  return `${view.signature.slice(0, 40)}${COLLATOR_TAG}`;
}
const TABLE_SUFFIXES = ['rows', 'back', 'tree', 'meta', 'pending'] as const;

export class ViewStore {
  private readonly indexes = new Map<string, ViewIndex>();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  open(view: ViewDefinition): ViewIndex {
    const name = storageName(view);
    const cached = this.indexes.get(name);
    if (cached) return cached;
    const table = (suffix: (typeof TABLE_SUFFIXES)[number]) =>
      this.db.store.table(`${TABLE_PREFIX}${name}:${suffix}`, 'binary') as never;
    const tables: ViewTables = { rows: table('rows'), back: table('back'), tree: table('tree'), meta: table('meta') };
    if (view.dbcopy && view.reduce) tables.pending = table('pending');
    const codec = createRowKeyCodec(view.collation);
    const index = new ViewIndex(tables, codec, this.reducerFor(view, codec.compare));
    this.indexes.set(name, index);
    return index;
  }

  /** The last definition of `ddocId/view` whose index was complete (caught up at least once). */
  latestComplete(ddocId: string, viewName: string): ViewDefinition | undefined {
    return this.history().get(`${ddocId}\u0000${viewName}`);
  }

  /** Records, after a completed update, that these definitions' indexes are complete. */
  async markComplete(views: ViewDefinition[]): Promise<void> {
    const history = this.history();
    const stale = views.filter((view) => history.get(`${view.ddocId}\u0000${view.name}`)?.signature !== view.signature);
    if (stale.length === 0) return;
    await this.db.store.write(() => stale.forEach((view) => history.put(`${view.ddocId}\u0000${view.name}`, view)));
  }

  private history() {
    return this.db.store.table<string, ViewDefinition>(HISTORY_TABLE, 'string');
  }

  /** Storage names that have tables in the store, built or not. */
  storedNames(): Set<string> {
    const signatures = new Set<string>();
    for (const name of this.db.store.tableNames()) {
      if (name.startsWith(TABLE_PREFIX)) signatures.add(name.slice(TABLE_PREFIX.length).split(':')[0]!);
    }
    return signatures;
  }

  /** Removes an index's tables (`_view_cleanup`). */
  async drop(name: string): Promise<void> {
    this.indexes.delete(name);
    await this.db.store.write(() => {
      for (const suffix of TABLE_SUFFIXES) this.db.store.table(`${TABLE_PREFIX}${name}:${suffix}`, 'binary').drop();
    });
  }

  private reducerFor(view: ViewDefinition, compare: RowKeyCodec['compare']): AnyReducer | undefined {
    if (!view.reduce) return undefined;
    const context = `${this.db.name}/${view.ddocId}/_view/${view.name}`;
    return createReducer(view.reduce, {
      context,
      compare,
      // Reduces run on the main thread (the only LMDB writer), in their own sandbox.
      compile: (source) => new Sandbox({ name: context }, { timeoutMs: this.timeoutMs }).compileReduce(source, { view: view.name }),
      log: (message: string) => this.logger.info({ db: this.db.name, view: context }, message),
    });
  }
}

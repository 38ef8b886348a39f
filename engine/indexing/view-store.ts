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
import type { Database } from '../documents/database.js';
import type { Logger } from '../logger.js';
import type { ViewDefinition } from './design-registry.js';

const TABLE_PREFIX = 'view:';
const TABLE_SUFFIXES = ['rows', 'back', 'tree', 'meta', 'pending'] as const;

export class ViewStore {
  private readonly indexes = new Map<string, ViewIndex>();

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  open(view: ViewDefinition): ViewIndex {
    const cached = this.indexes.get(view.signature);
    if (cached) return cached;
    const table = (suffix: (typeof TABLE_SUFFIXES)[number]) =>
      this.db.store.table(`${TABLE_PREFIX}${view.signature}:${suffix}`, 'binary') as never;
    const tables: ViewTables = { rows: table('rows'), back: table('back'), tree: table('tree'), meta: table('meta') };
    if (view.dbcopy && view.reduce) tables.pending = table('pending');
    const codec = createRowKeyCodec(view.collation);
    const index = new ViewIndex(tables, codec, this.reducerFor(view, codec.compare));
    this.indexes.set(view.signature, index);
    return index;
  }

  /** Signatures that have tables in the store, built or not. */
  storedSignatures(): Set<string> {
    const signatures = new Set<string>();
    for (const name of this.db.store.tableNames()) {
      if (name.startsWith(TABLE_PREFIX)) signatures.add(name.slice(TABLE_PREFIX.length).split(':')[0]!);
    }
    return signatures;
  }

  /** Removes an index's tables (`_view_cleanup`). */
  async drop(signature: string): Promise<void> {
    this.indexes.delete(signature);
    await this.db.store.write(() => {
      for (const suffix of TABLE_SUFFIXES) this.db.store.table(`${TABLE_PREFIX}${signature}:${suffix}`, 'binary').drop();
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

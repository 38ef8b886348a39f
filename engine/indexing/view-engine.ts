/**
 * The views of one database: finding a view, keeping its index fresh as the query asks
 * (`update=true|false|lazy`), answering it, and keeping queried design documents current
 * in the background after writes.
 */
import {
  errors,
  queryMap,
  queryReduce,
  validateViewQuery,
  type MapResult,
  type ReduceResult,
  type ResolvedViewQuery,
  type ViewQueryArgs,
  type ViewIndex,
} from '../../views/index.js';
import type { Database } from '../documents/database.js';
import type { Doc } from '../documents/types.js';
import type { Logger } from '../logger.js';
import type { WorkerPool } from '../workers/pool.js';
import type { ActiveTasks } from './active-tasks.js';
import { DesignRegistry, type DesignInfo, type ViewDefinition } from './design-registry.js';
import { propagateCopies } from './dbcopy.js';
import { updateDesign } from './view-updater.js';
import { storageName, ViewStore } from './view-store.js';

/** Background catch-up waits this long after the last write of a burst. */
const AUTOUPDATE_DEBOUNCE_MS = 50;

export type ViewRow = MapResult['rows'][number] & { doc?: Doc | null };
export type ViewResult = (Omit<MapResult, 'rows'> & { rows: ViewRow[]; update_seq?: number }) | (ReduceResult & { update_seq?: number });

export interface ViewEngineOptions {
  /** Opens (creating) another database: the targets of `dbcopy` views. */
  database: (name: string) => Promise<Database>;
  /** The shared worker pool, started on first use. */
  pool: () => WorkerPool;
  logger: Logger;
  tasks: ActiveTasks;
  timeoutMs: number;
}

export class ViewEngine {
  readonly designs: DesignRegistry;
  readonly store: ViewStore;
  private readonly updates = new Map<string, Promise<void>>();
  private readonly queried = new Set<string>();
  private autoupdateTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly db: Database,
    private readonly options: ViewEngineOptions,
  ) {
    this.designs = new DesignRegistry(db, options.timeoutMs);
    this.store = new ViewStore(db, options.logger, options.timeoutMs);
  }

  /** Runs a view query: `name` is `ddoc/view`. */
  async query(ddocName: string, viewName: string, args: ViewQueryArgs): Promise<ViewResult> {
    const { design, view } = this.designs.view(ddocName, viewName);
    const query = validateViewQuery(args, { hasReduce: view.reduce !== undefined, collate: this.store.open(view).codec.compare });
    return this.run(design, view, query);
  }

  async run(design: DesignInfo, view: ViewDefinition, query: ResolvedViewQuery): Promise<ViewResult> {
    this.queried.add(design.id);
    if (query.update === 'true') await this.update(design, this.db.updateSeq());
    else if (query.update === 'lazy') void this.update(design, this.db.updateSeq()).catch((err: unknown) => this.logFailure(design, err));
    const index = await this.readable(this.store.open(this.answeringView(design, view, query)));
    const result: ViewResult = query.kind === 'map' ? this.withDocs(queryMap(index, query), query.includeDocs) : queryReduce(index, query);
    if (query.updateSeq) result.update_seq = index.updateSeq();
    return result;
  }

  /**
   * The definition whose index answers: the current one, except that `update=false` on a
   * changed view that has never been built is answered by the previous complete index.
   */
  private answeringView(design: DesignInfo, view: ViewDefinition, query: ResolvedViewQuery): ViewDefinition {
    if (query.update !== 'false' || this.store.open(view).checkpoint() > 0) return view;
    const previous = this.store.latestComplete(design.id, view.name);
    return previous && (previous.reduce === undefined) === (view.reduce === undefined) ? previous : view;
  }

  /** Waits until every view of `design` reflects at least `target`. One update runs per design. */
  async update(design: DesignInfo, target: number): Promise<void> {
    for (;;) {
      const running = this.updates.get(design.id);
      if (running) {
        await running;
        continue;
      }
      const needed = [...design.views.values()].some((view) => this.store.open(view).checkpoint() < target);
      if (!needed) return;
      const run = updateDesign({ ...this.options, pool: this.options.pool(), db: this.db, indexFor: (name) => this.store.open(design.views.get(name)!) }, design, target)
        .then(() => this.store.markComplete([...design.views.values()]))
        .then(() => this.copyGroups(design));
      this.updates.set(design.id, run);
      try {
        await run;
      } finally {
        this.updates.delete(design.id);
      }
    }
  }

  /** Keeps the `dbcopy` targets of a design document's views equal to their `group=true` output. */
  private async copyGroups(design: DesignInfo): Promise<void> {
    for (const view of design.views.values()) {
      if (!view.dbcopy || !view.reduce) continue;
      const target = await this.options.database(view.dbcopy);
      const written = await propagateCopies(this.store.open(view), this.db, target, `${this.db.name}/${design.id}/_view/${view.name}`);
      if (written > 0) this.options.logger.info({ db: this.db.name, ddoc: design.id, view: view.name, target: view.dbcopy, written }, 'dbcopy propagated');
    }
  }

  /** Design documents with `dbcopy` views stay current without being queried. */
  watchLiveDesigns(): void {
    for (const design of this.designs.all()) {
      if ([...design.views.values()].some((view) => view.dbcopy)) this.queried.add(design.id);
    }
  }

  /** Called after commits: keeps queried design documents current, debounced. */
  scheduleAutoupdate(): void {
    if (this.closed || this.autoupdateTimer) return;
    this.autoupdateTimer = setTimeout(() => {
      this.autoupdateTimer = undefined;
      this.watchLiveDesigns();
      for (const id of this.queried) {
        let design: DesignInfo;
        try {
          design = this.designs.get(id.slice('_design/'.length));
        } catch {
          this.queried.delete(id);
          continue;
        }
        if (design.autoupdate) void this.update(design, this.db.updateSeq()).catch((err: unknown) => this.logFailure(design, err));
      }
    }, AUTOUPDATE_DEBOUNCE_MS);
  }

  /** Removes indexes that no current design document uses (`_view_cleanup`). */
  async cleanup(): Promise<number> {
    const used = new Set(this.designs.all().flatMap((design) => [...design.views.values()].map(storageName)));
    let removed = 0;
    for (const name of this.store.storedNames()) {
      if (!used.has(name)) {
        await this.store.drop(name);
        removed++;
      }
    }
    return removed;
  }

  /** Packs the summary trees of a design document's views (`_compact/{ddoc}`). */
  async compact(ddocName: string): Promise<void> {
    const design = this.designs.get(ddocName);
    const indexes = [...design.views.values()].map((view) => this.store.open(view));
    await this.db.store.write(() => indexes.forEach((index) => index.rebuildSummary()));
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.autoupdateTimer);
    await Promise.allSettled([...this.updates.values()]);
  }

  /** A bulk build cut short leaves its summary stale; rebuild it before reading. */
  private async readable(index: ViewIndex): Promise<ViewIndex> {
    if (index.summaryIsStale()) await this.db.store.write(() => index.summaryIsStale() && index.rebuildSummary());
    return index;
  }

  private withDocs(result: MapResult, includeDocs: boolean): ViewResult {
    if (!includeDocs) return result;
    return { ...result, rows: result.rows.map((row) => ({ ...row, doc: this.linkedDoc(row) })) };
  }

  /** CouchDB's linked documents: a value `{_id}` (and `_rev`) names the document to include. */
  private linkedDoc(row: MapResult['rows'][number]): Doc | null {
    const value = row.value;
    const link = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
    const id = link && '_id' in link ? link._id : row.id;
    if (typeof id !== 'string') return null;
    const rev = link && typeof link._rev === 'string' ? link._rev : undefined;
    try {
      return this.db.get(id, rev === undefined ? {} : { rev });
    } catch {
      return null;
    }
  }

  private logFailure(design: DesignInfo, err: unknown): void {
    this.options.logger.error({ db: this.db.name, ddoc: design.id, err }, 'background index update failed');
  }
}

export { errors };

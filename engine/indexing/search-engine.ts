/**
 * The full-text search of one database: finding an index, keeping it fresh as the
 * query asks (`update=true|false|lazy`, `stale=ok`), answering `_search`, `_search_info`
 * and `_suggest`, and keeping queried design documents current in the background after
 * writes.
 */
import { errors } from '../../views/index.js';
import { validateSearchRequest, type GroupedSearchResult, type RawSearchParams, type SearchResult, type SearchRow, type SuggestResult, type UpdateMode } from '../../search/index/index.js';
import type { Database } from '../documents/database.js';
import type { Doc } from '../documents/types.js';
import type { Logger } from '../logger.js';
import type { WorkerPool } from '../workers/pool.js';
import type { ActiveTasks } from './active-tasks.js';
import { SearchDesigns, type SearchDesign, type SearchIndexInfo } from './search-designs.js';
import { SearchStore } from './search-store.js';
import { updateSearchDesign } from './search-updater.js';

/** Background catch-up waits this long after the last write of a burst. */
const AUTOUPDATE_DEBOUNCE_MS = 50;
export const DEFAULT_SUGGEST_LIMIT = 10;
const MAX_SUGGEST_LIMIT = 200;

export interface SearchEngineOptions {
  /** The shared worker pool, started on first use. */
  pool: () => WorkerPool;
  logger: Logger;
  tasks: ActiveTasks;
  timeoutMs: number;
}

export interface SearchInfo {
  name: string;
  search_index: { pending_seq: number; doc_del_count: number; doc_count: number; disk_size: number; committed_seq: number; purge_seq: number };
}

export class SearchEngine {
  readonly designs: SearchDesigns;
  readonly store: SearchStore;
  private readonly updates = new Map<string, Promise<void>>();
  private readonly queried = new Set<string>();
  private readonly unsubscribe: () => void;
  private autoupdateTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly db: Database,
    private readonly options: SearchEngineOptions,
  ) {
    this.designs = new SearchDesigns(db, options.timeoutMs);
    this.store = new SearchStore(db);
    this.unsubscribe = db.changesFeed.onCommit(() => this.scheduleAutoupdate());
  }

  /** `_search`: `ddoc` without `_design/`; `params` as decoded from a query string or body. */
  async query(ddoc: string, indexName: string, params: RawSearchParams): Promise<SearchResult | GroupedSearchResult> {
    const { design, index } = this.designs.index(ddoc, indexName);
    const request = validateSearchRequest(params);
    await this.fresh(design, request.update);
    const result = this.store.open(index).search(request);
    if (request.includeDocs) {
      const withDoc = (row: SearchRow) => ({ ...row, doc: this.docOf(row.id) });
      if ('groups' in result) return { ...result, groups: result.groups.map((group) => ({ ...group, rows: group.rows.map(withDoc) })) };
      return { ...result, rows: result.rows.map(withDoc) };
    }
    return result;
  }

  /** `_suggest`: the documents whose `suggest: true` fields best match the words typed so far. */
  async suggest(ddoc: string, indexName: string, params: { q?: unknown; limit?: unknown; update?: unknown }): Promise<SuggestResult> {
    const { design, index } = this.designs.index(ddoc, indexName);
    if (typeof params.q !== 'string') throw errors.queryParse("Query must include a 'q' argument");
    const limit = params.limit === undefined ? DEFAULT_SUGGEST_LIMIT : Number(params.limit);
    if (!Number.isInteger(limit) || limit <= 0 || limit > MAX_SUGGEST_LIMIT) throw errors.badRequest(`limit must be an integer between 1 and ${MAX_SUGGEST_LIMIT}`);
    await this.fresh(design, params.update === 'false' || params.update === false ? 'false' : params.update === 'lazy' ? 'lazy' : 'true');
    return this.store.open(index).suggest(params.q, limit);
  }

  /** `_search_info`. */
  info(ddoc: string, indexName: string): SearchInfo {
    const { design, index } = this.designs.index(ddoc, indexName);
    const stats = this.store.open(index).info();
    return {
      name: `${design.id}/${indexName}`,
      search_index: {
        pending_seq: this.db.updateSeq(),
        doc_del_count: stats.doc_del_count,
        doc_count: stats.doc_count,
        disk_size: this.db.store.size(),
        committed_seq: stats.committed_seq,
        purge_seq: 0,
      },
    };
  }

  /** Waits until every index of `design` reflects at least `target`. One update runs per design. */
  async update(design: SearchDesign, target: number): Promise<void> {
    for (;;) {
      const running = this.updates.get(design.id);
      if (running) {
        await running;
        continue;
      }
      const usable = [...design.indexes.values()].filter((info) => info.analyzer);
      if (!usable.some((info) => this.store.open(info).checkpoint() < target)) return;
      const indexFor = (name: string) => this.store.open(design.indexes.get(name)!);
      const run = updateSearchDesign({ ...this.options, pool: this.options.pool(), db: this.db, indexFor }, design, target);
      this.updates.set(design.id, run);
      try {
        await run;
      } finally {
        this.updates.delete(design.id);
      }
    }
  }

  /** Called after commits: keeps queried design documents current, debounced. */
  scheduleAutoupdate(): void {
    if (this.closed || this.autoupdateTimer || this.queried.size === 0) return;
    this.autoupdateTimer = setTimeout(() => {
      this.autoupdateTimer = undefined;
      for (const id of this.queried) {
        let design: SearchDesign;
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

  /** Removes indexes no current design document uses (`_search_cleanup`). */
  async cleanup(): Promise<number> {
    const used = new Set(this.designs.all().flatMap((design) => [...design.indexes.values()].map((info: SearchIndexInfo) => info.signature)));
    let removed = 0;
    for (const signature of this.store.storedSignatures()) {
      if (used.has(signature)) continue;
      await this.store.drop(signature);
      removed++;
    }
    return removed;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    clearTimeout(this.autoupdateTimer);
    await Promise.allSettled([...this.updates.values()]);
  }

  private async fresh(design: SearchDesign, mode: UpdateMode): Promise<void> {
    this.queried.add(design.id);
    if (mode === 'true') await this.update(design, this.db.updateSeq());
    else if (mode === 'lazy') void this.update(design, this.db.updateSeq()).catch((err: unknown) => this.logFailure(design, err));
  }

  private docOf(id: string): Doc | null {
    try {
      return this.db.get(id);
    } catch {
      return null;
    }
  }

  private logFailure(design: SearchDesign, err: unknown): void {
    this.options.logger.error({ db: this.db.name, ddoc: design.id, err }, 'background search index update failed');
  }
}

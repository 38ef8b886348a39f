/**
 * The changes feed of one database: one row per document, at the sequence of its latest
 * change, read from the `changes` table. `read` answers a normal request; `follow`
 * is the live mode, an async iterator that sleeps until the next commit wakes it (no
 * polling), used by longpoll/continuous HTTP feeds and by the indexers.
 */
import { EventEmitter, once } from 'node:events';
import { errors } from '../../views/index.js';
import { DESIGN_PREFIX } from './ids.js';
import type { DocumentTables } from './tables.js';
import { readCounter, readDocRecord } from './tables.js';
import type { ChangeRow, Doc, DocRecord } from './types.js';

export type ChangesFilter = { kind: 'all' } | { kind: 'design' } | { kind: 'doc_ids'; ids: ReadonlySet<string> };

export interface ChangesOptions {
  /** Only changes after this sequence; `'now'` means the current update sequence. */
  since?: number | 'now';
  limit?: number;
  descending?: boolean;
  include_docs?: boolean;
  filter?: ChangesFilter;
}

export interface ChangesResult {
  results: ChangeRow[];
  last_seq: number;
  pending: number;
}

/** Rows examined per LMDB read while following; bounds the memory of one wake-up. */
const FOLLOW_BATCH = 1000;

export function renderDoc(id: string, record: DocRecord): Doc {
  const doc: Doc = { _id: id, _rev: record.rev, ...record.body };
  if (record.deleted) doc._deleted = true;
  return doc;
}

export class ChangesFeed {
  private readonly tables: DocumentTables;
  private readonly commits = new EventEmitter();

  constructor(tables: DocumentTables) {
    this.tables = tables;
    this.commits.setMaxListeners(0);
  }

  /** Called by the database after each commit that produced changes. */
  notify(seq: number): void {
    this.commits.emit('commit', seq);
  }

  /** Runs `listener` after every commit that produced changes; returns an unsubscribe. */
  onCommit(listener: (seq: number) => void): () => void {
    this.commits.on('commit', listener);
    return () => this.commits.off('commit', listener);
  }

  updateSeq(): number {
    return readCounter(this.tables, 'update_seq');
  }

  read(options: ChangesOptions = {}): ChangesResult {
    const since = this.resolveSince(options.since);
    const limit = options.limit ?? Infinity;
    if (!(limit >= 0)) throw errors.badRequest('limit must be a non-negative integer');
    const filter = options.filter ?? { kind: 'all' };
    const results: ChangeRow[] = [];
    const range = options.descending
      ? this.tables.changes.range({ reverse: true, end: since })
      : this.tables.changes.range({ start: since + 1 });
    let lastSeq = options.descending ? 0 : since;
    for (const { key: seq, value } of range) {
      if (options.descending && seq <= since) break;
      if (results.length >= limit) break;
      lastSeq = seq;
      if (!passes(filter, value.id)) continue;
      results.push(this.row(seq, value.id, value.rev, value.deleted, options.include_docs === true));
    }
    if (!options.descending && results.length < limit) lastSeq = Math.max(lastSeq, this.updateSeq());
    const pending = options.descending ? 0 : this.tables.changes.count({ start: lastSeq + 1 });
    return { results, last_seq: lastSeq, pending };
  }

  /**
   * Yields every change after `since`, then waits for new commits, until `signal` aborts.
   * Filtered-out changes still advance the cursor.
   */
  async *follow(options: ChangesOptions & { signal?: AbortSignal } = {}): AsyncGenerator<ChangeRow> {
    let cursor = this.resolveSince(options.since);
    const filter = options.filter ?? { kind: 'all' };
    while (!options.signal?.aborted) {
      const wake = once(this.commits, 'commit', { signal: options.signal }).catch(() => undefined);
      let advanced = false;
      for (const { key: seq, value } of this.tables.changes.range({ start: cursor + 1, limit: FOLLOW_BATCH })) {
        cursor = seq;
        advanced = true;
        if (passes(filter, value.id)) {
          yield this.row(seq, value.id, value.rev, value.deleted, options.include_docs === true);
        }
        if (options.signal?.aborted) return;
      }
      if (!advanced) await wake;
    }
  }

  private resolveSince(since: number | 'now' | undefined): number {
    if (since === 'now') return this.updateSeq();
    if (since === undefined) return 0;
    if (!Number.isFinite(since) || since < 0) throw errors.badRequest('since must be a non-negative integer or "now"');
    return since;
  }

  private row(seq: number, id: string, rev: string, deleted: boolean, includeDocs: boolean): ChangeRow {
    const row: ChangeRow = { seq, id, changes: [{ rev }] };
    if (deleted) row.deleted = true;
    if (includeDocs) {
      const record = readDocRecord(this.tables, id);
      row.doc = record && record.rev === rev ? renderDoc(id, record) : null;
    }
    return row;
  }
}

function passes(filter: ChangesFilter, id: string): boolean {
  switch (filter.kind) {
    case 'all':
      return true;
    case 'design':
      return id.startsWith(DESIGN_PREFIX);
    case 'doc_ids':
      return filter.ids.has(id);
  }
}

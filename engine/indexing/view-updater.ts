/**
 * Brings the views of one design document up to a database sequence: reads the changes
 * since the views' checkpoints in batches, maps each batch in the worker pool (several
 * batches in flight, one per thread), and applies the results in order, each batch in one
 * transaction with the views' checkpoints. One update runs per design document at a time.
 */
import type { Database } from '../documents/database.js';
import type { JsonObject } from '../documents/types.js';
import type { Logger } from '../logger.js';
import type { WorkerPool } from '../workers/pool.js';
import type { MapTaskResult } from '../workers/protocol.js';
import { BULK_REBUILD_SHARE, type DocRows, type ViewIndex } from '../../views/index.js';
import type { ActiveTasks } from './active-tasks.js';
import type { DesignInfo } from './design-registry.js';
import { isDesignDocId } from '../documents/ids.js';

/** Documents per map task and per write transaction. */
export const BATCH_SIZE = 2000;

interface Batch {
  /** seq, id and (for live documents) the document of every change in the batch */
  changes: Array<{ seq: number; id: string; doc: JsonObject | undefined }>;
  lastSeq: number;
  mapped: Promise<MapTaskResult>;
}

export interface UpdateContext {
  db: Database;
  pool: WorkerPool;
  logger: Logger;
  tasks: ActiveTasks;
  indexFor(view: string): ViewIndex;
}

export async function updateDesign(context: UpdateContext, design: DesignInfo, target: number): Promise<void> {
  const views = [...design.views.values()].map((view) => ({ view, index: context.indexFor(view.name) }));
  if (views.length === 0) return;
  const from = Math.min(...views.map(({ index }) => index.checkpoint()));
  if (from >= target) return;
  const { db, pool, logger } = context;
  const pendingTotal = db.changesFeed.read({ since: from, limit: 0 }).pending;
  const bulk = new Map(views.map(({ view, index }) => [view.name, index.checkpoint() === 0 || pendingTotal > index.totalRowsIfFresh() * BULK_REBUILD_SHARE]));
  const task = context.tasks.start('indexer', db.name, design.id, pendingTotal);
  const started = Date.now();
  let done = 0;
  try {
    let cursor = from;
    let observed = db.updateSeq();
    const inFlight: Batch[] = [];
    const readBatch = (): Batch | undefined => {
      const { results } = db.changesFeed.read({ since: cursor, limit: BATCH_SIZE, include_docs: true });
      if (results.length === 0) return undefined;
      cursor = results[results.length - 1]!.seq;
      const changes = results.map((row) => ({
        seq: row.seq,
        id: row.id,
        doc: row.deleted || !row.doc || (isDesignDocId(row.id) && !design.includeDesign) ? undefined : withLocalSeq(row.doc as JsonObject, row.seq, design.localSeq),
      }));
      const docs = changes.flatMap((change) => (change.doc ? [change.doc] : []));
      return { changes, lastSeq: cursor, mapped: docs.length ? pool.run({ kind: 'map', program: design.program, docs }) : Promise.resolve(emptyResult()) };
    };
    for (;;) {
      while (inFlight.length < Math.max(pool.threads, 1) + 1) {
        const next = readBatch();
        if (!next) break;
        inFlight.push(next);
      }
      const batch = inFlight.shift();
      if (!batch) break;
      const result = await batch.mapped;
      for (const error of result.errors) logger.warn({ db: db.name, ddoc: design.id, view: error.name, docId: error.id, error: error.message }, 'map function raised an exception; document skipped');
      for (const line of result.logs) logger.info({ db: db.name, ddoc: design.id }, line);
      const last = inFlight.length === 0;
      if (last) observed = Math.max(observed, batch.lastSeq);
      await db.store.write(() => {
        for (const { view, index } of views) {
          const rows = rowsForView(batch, result, view.name, index.checkpoint());
          const checkpoint = last ? Math.max(batch.lastSeq, observed) : batch.lastSeq;
          index.apply(rows, checkpoint, { bulk: bulk.get(view.name) === true });
          if (last) index.finishBulk();
        }
      });
      done += batch.changes.length;
      task.advance(done);
      if (last) {
        // Writes that landed while we worked: pick them up in the same run.
        const more = readBatch();
        if (more) inFlight.push(more);
        else break;
      }
    }
    logger.info({ db: db.name, ddoc: design.id, changes: done, ms: Date.now() - started }, 'index updated');
  } finally {
    task.finish();
  }
}

function rowsForView(batch: Batch, result: MapTaskResult, view: string, checkpoint: number): DocRows[] {
  const rows: DocRows[] = [];
  let mappedIndex = 0;
  for (const change of batch.changes) {
    const emitted = change.doc ? result.docs[mappedIndex++]?.[view] ?? [] : [];
    if (change.seq > checkpoint) rows.push({ id: change.id, rows: emitted });
  }
  return rows;
}

function withLocalSeq(doc: JsonObject, seq: number, localSeq: boolean): JsonObject {
  return localSeq ? { ...doc, _local_seq: seq } : doc;
}

function emptyResult(): MapTaskResult {
  return { docs: [], errors: [], logs: [] };
}

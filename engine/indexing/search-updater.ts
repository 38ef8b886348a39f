/**
 * Brings the search indexes of one design document up to a database sequence: reads
 * the changes since the indexes' checkpoints in batches, runs the index functions of
 * each batch in the worker pool (several batches in flight, one per thread), and applies
 * the results in order, each batch with the checkpoints in one transaction. Every
 * document is passed to the functions, design documents included (as dreyfus does on
 * non-partitioned databases); deleted ones leave the index.
 */
import type { SearchIndex, DocChange } from '../../search/index/index.js';
import type { Database } from '../documents/database.js';
import type { JsonObject } from '../documents/types.js';
import type { Logger } from '../logger.js';
import type { WorkerPool } from '../workers/pool.js';
import type { IndexTaskResult } from '../workers/protocol.js';
import type { ActiveTasks } from './active-tasks.js';
import type { SearchDesign } from './search-designs.js';

/** Documents per index task and per write transaction. */
export const SEARCH_BATCH_SIZE = 1000;

interface Batch {
  changes: Array<{ seq: number; id: string; doc: JsonObject | undefined }>;
  lastSeq: number;
  indexed: Promise<IndexTaskResult>;
}

export interface SearchUpdateContext {
  db: Database;
  pool: WorkerPool;
  logger: Logger;
  tasks: ActiveTasks;
  indexFor(name: string): SearchIndex;
}

export async function updateSearchDesign(context: SearchUpdateContext, design: SearchDesign, target: number): Promise<void> {
  const names = Object.keys(design.program.indexes);
  const indexes = names.map((name) => ({ name, index: context.indexFor(name) }));
  if (indexes.length === 0) return;
  const from = Math.min(...indexes.map(({ index }) => index.checkpoint()));
  if (from >= target) return;
  const { db, pool, logger } = context;
  const pendingTotal = db.changesFeed.read({ since: from, limit: 0 }).pending;
  const task = context.tasks.start('search_indexer', db.name, design.id, pendingTotal);
  const started = Date.now();
  let done = 0;
  try {
    let cursor = from;
    const observed = db.updateSeq();
    const inFlight: Batch[] = [];
    const readBatch = (): Batch | undefined => {
      const { results } = db.changesFeed.read({ since: cursor, limit: SEARCH_BATCH_SIZE, include_docs: true });
      if (results.length === 0) return undefined;
      cursor = results[results.length - 1]!.seq;
      const changes = results.map((row) => ({ seq: row.seq, id: row.id, doc: row.deleted || !row.doc ? undefined : (row.doc as JsonObject) }));
      const docs = changes.flatMap((change) => (change.doc ? [change.doc] : []));
      const indexed = docs.length ? pool.run({ kind: 'index', program: design.program, docs }) : Promise.resolve<IndexTaskResult>({ docs: [], errors: [], logs: [] });
      return { changes, lastSeq: cursor, indexed };
    };
    for (;;) {
      while (inFlight.length < Math.max(pool.threads, 1) + 1) {
        const next = readBatch();
        if (!next) break;
        inFlight.push(next);
      }
      const batch = inFlight.shift();
      if (!batch) break;
      const result = await batch.indexed;
      for (const error of result.errors) logger.warn({ db: db.name, ddoc: design.id, index: error.name, docId: error.id, error: error.message }, 'index function raised an exception; document not indexed');
      for (const line of result.logs) logger.info({ db: db.name, ddoc: design.id }, line);
      try {
        await db.store.write(() => {
          for (const { name, index } of indexes) index.apply(changesFor(batch, result, name, index.checkpoint()), batch.lastSeq);
        });
      } catch (err) {
        for (const { index } of indexes) index.discardMemory();
        throw err;
      }
      done += batch.changes.length;
      task.advance(done);
      if (inFlight.length === 0) {
        const more = readBatch();
        if (more) inFlight.push(more);
        else break;
      }
    }
    // Sequences without a change entry (a document's older changes) still count as seen.
    const behind = indexes.filter(({ index }) => index.checkpoint() < observed);
    if (behind.length > 0) await db.store.write(() => behind.forEach(({ index }) => index.apply([], observed)));
    logger.info({ db: db.name, ddoc: design.id, changes: done, ms: Date.now() - started }, 'search index updated');
  } finally {
    task.finish();
  }
}

/** A document whose function threw contributes no fields, which removes it (dreyfus). */
function changesFor(batch: Batch, result: IndexTaskResult, name: string, checkpoint: number): DocChange[] {
  const changes: DocChange[] = [];
  let indexed = 0;
  for (const change of batch.changes) {
    const fields = change.doc ? (result.docs[indexed++]?.[name] ?? []) : undefined;
    if (change.seq > checkpoint) changes.push({ id: change.id, fields });
  }
  return changes;
}

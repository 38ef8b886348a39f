/**
 * Cloudant's chained MapReduce (`dbcopy`): a view's `group=true` output kept as documents
 * in another database, `{_id: <hash of key>, key, value}`, one per group.
 *
 * The view index records every group a batch touched (its `pending` table, written in the
 * batch's transaction). Propagation reads those groups, reduces each with the summary tree,
 * writes the target's documents (create, update, or delete when the group vanished), and
 * only then clears them from `pending`. Re-running after a crash recomputes the same values,
 * and unchanged documents are not rewritten, so the target converges to the source.
 */
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { errors, SetteeError, type JsonValue, type ViewIndex } from '../../views/index.js';
import type { Database } from '../documents/database.js';
import type { Doc } from '../documents/types.js';

/** Groups propagated per target transaction. */
const COPY_BATCH = 1000;

/** The `_local` document that marks a database as a copy target, i.e. derived data. */
export const DBCOPY_MARKER = '_local/settee-dbcopy';

/** A deterministic, URL-safe document id for a group key. */
export function copyDocId(key: JsonValue): string {
  return createHash('md5').update(JSON.stringify(key)).digest('base64url');
}

export async function propagateCopies(index: ViewIndex, source: Database, target: Database, origin: string): Promise<number> {
  const pending = index.tables.pending;
  if (!pending) return 0;
  await markTarget(target, origin);
  let written = 0;
  for (;;) {
    const batch = [...pending.range({ limit: COPY_BATCH })];
    if (batch.length === 0) return written;
    const writes: Doc[] = [];
    for (const { value: key } of batch) {
      const write = copyWrite(index, target, key);
      if (write) writes.push(write);
    }
    if (writes.length > 0) {
      const results = await target.bulkDocs(writes, { origin: 'internal' });
      const failed = results.find((result) => !('ok' in result));
      if (failed && 'error' in failed) throw new SetteeError(500, failed.error, `dbcopy into ${target.name} failed: ${failed.reason}`);
      written += writes.length;
    }
    // Propagation runs inside the design document's update slot, so no batch can touch
    // these groups between the summaries above and this removal.
    await source.store.write(() => batch.forEach(({ key: encoded }) => pending.remove(encoded)));
  }
}

/** The write that brings the copy of one group up to date, or undefined when it already is. */
function copyWrite(index: ViewIndex, target: Database, key: JsonValue): Doc | undefined {
  const id = copyDocId(key);
  const current = currentCopy(target, id);
  const bounds = index.codec.keyBounds(key);
  const summary = index.tree.summarise({ lo: bounds.low, loInclusive: true, hi: bounds.high, hiInclusive: false });
  if (summary.count === 0) return current ? { _id: id, _rev: current._rev!, _deleted: true } : undefined;
  const output = summary.error ? { ok: false as const, error: summary.error.error, reason: summary.error.reason } : index.reducer!.finalize(summary.acc);
  const value: JsonValue = output.ok ? output.value : { error: output.error, reason: output.reason };
  if (current && isDeepStrictEqual(current.key, key) && isDeepStrictEqual(current.value, value)) return undefined;
  return { _id: id, ...(current ? { _rev: current._rev! } : {}), key, value };
}

function currentCopy(target: Database, id: string): Doc | undefined {
  try {
    return target.get(id);
  } catch (err) {
    if (err instanceof SetteeError && err.status === 404) return undefined;
    throw err;
  }
}

async function markTarget(target: Database, origin: string): Promise<void> {
  try {
    target.get(DBCOPY_MARKER);
  } catch {
    await target.put({ _id: DBCOPY_MARKER, source: origin }, { origin: 'internal' });
  }
}

/** Refuses client writes of documents into a copy target (its design documents stay writable). */
export function guardCopyTarget(db: Database): void {
  db.addWriteGuard((write, origin) => {
    if (origin !== 'client' || write.kind !== 'normal') return;
    let marked = false;
    try {
      db.get(DBCOPY_MARKER);
      marked = true;
    } catch {
      // not a copy target
    }
    if (marked) throw errors.forbidden(`${db.name} is a dbcopy target: its documents are derived from a view and cannot be written by clients.`);
  });
}

/** The `dbcopy` targets named by a design document's views. */
export function copyTargets(ddoc: Doc): string[] {
  const views = (ddoc.views ?? {}) as Record<string, { dbcopy?: unknown; reduce?: unknown }>;
  return Object.values(views).flatMap((view) => (typeof view?.dbcopy === 'string' && typeof view.reduce === 'string' ? [view.dbcopy] : []));
}

/**
 * A design document in `db` whose views copy into databases that (through their own
 * design documents, at any depth) copy back into `db` would form a cycle: 400.
 */
export async function rejectCopyCycles(db: string, ddoc: Doc, designsOf: (name: string) => Promise<Doc[]>): Promise<void> {
  const seen = new Set<string>();
  const queue = copyTargets(ddoc).map((target) => [db, target]);
  while (queue.length > 0) {
    const path = queue.shift()!;
    const current = path[path.length - 1]!;
    if (current === db) throw errors.badRequest(`dbcopy chain would form a cycle: ${path.join(' -> ')}`);
    if (seen.has(current)) continue;
    seen.add(current);
    for (const other of await designsOf(current)) {
      if (other._id === ddoc._id && current === db) continue;
      for (const target of copyTargets(other)) queue.push([...path, target]);
    }
  }
}

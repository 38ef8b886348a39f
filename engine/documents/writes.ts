/**
 * Applying one document write inside a store transaction: the revision check
 * (409 `conflict` for a missing or stale `_rev`), the new revision id, the next
 * update sequence, and the bookkeeping of the changes table and counters. Validation
 * that needs no storage happens before the transaction in `prepareWrite`.
 */
import { errors } from '../../views/index.js';
import { checkSpecialMembers, classifyDocId, generateDocId, type DocIdKind } from './ids.js';
import { isValidRev, nextRev } from './revisions.js';
import { addToCounter, readCounter, readDocRecord, revisionKey, type DocumentTables } from './tables.js';
import type { Doc, DocRecord, JsonObject, WriteResult } from './types.js';

/** A write that passed validation and waits for its transaction. */
export interface PreparedWrite {
  id: string;
  kind: DocIdKind;
  rev: string | undefined;
  deleted: boolean;
  body: JsonObject;
}

export function prepareWrite(doc: unknown, options: { generateId?: boolean } = {}): PreparedWrite {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw errors.badRequest('Document must be a JSON object');
  }
  const input = doc as Doc;
  const id = input._id ?? (options.generateId ? generateDocId() : undefined);
  const kind = classifyDocId(id);
  checkSpecialMembers(input);
  if (input._rev !== undefined && !isValidRev(input._rev) && kind !== 'local') {
    throw errors.badRequest('Invalid rev format');
  }
  if (input._deleted !== undefined && typeof input._deleted !== 'boolean') {
    throw errors.badRequest('_deleted must be a boolean');
  }
  const body: JsonObject = {};
  for (const [name, value] of Object.entries(input)) {
    if (name !== '_id' && name !== '_rev' && name !== '_deleted') body[name] = value;
  }
  return { id: id as string, kind, rev: input._rev, deleted: input._deleted === true, body };
}

/** Applies a prepared write to a normal or design document; returns its change's seq. */
export function applyDocWrite(tables: DocumentTables, write: PreparedWrite): WriteResult & { seq: number } {
  const existing = readDocRecord(tables, write.id);
  const live = existing !== undefined && !existing.deleted;
  if (live ? write.rev !== existing.rev : write.rev !== undefined && write.rev !== existing?.rev) {
    throw errors.conflict();
  }
  if (!live && write.deleted) {
    // Deleting a document that does not exist (or is already deleted) is a 404 in CouchDB.
    throw existing ? errors.conflict() : errors.notFound('missing');
  }
  const rev = nextRev(existing?.rev, write.body, write.deleted);
  const seq = storeRevision(tables, existing, { id: write.id, rev, deleted: write.deleted, body: write.body });
  return { ok: true, id: write.id, rev, seq };
}

/** `_local/` documents: revision `0-N`, no sequence, no changes entry. */
export function applyLocalWrite(tables: DocumentTables, write: PreparedWrite): WriteResult {
  const existing = tables.local.get(write.id);
  if (existing ? write.rev !== existing.rev : write.rev !== undefined) throw errors.conflict();
  if (write.deleted) {
    if (!existing) throw errors.notFound('missing');
    tables.local.remove(write.id);
    return { ok: true, id: write.id, rev: '0-0' };
  }
  const generation = existing ? Number(existing.rev.split('-')[1]) + 1 : 1;
  const rev = `0-${generation}`;
  tables.local.put(write.id, { rev, body: write.body });
  return { ok: true, id: write.id, rev };
}

/** A change received from another server: its revision wins as is (a mirror, not an editor). */
export interface ReplicatedChange {
  id: string;
  rev: string;
  deleted: boolean;
  body: JsonObject;
}

/** Applies a replicated change: no revision check, the remote's revision id is kept. */
export function applyReplicatedWrite(tables: DocumentTables, change: ReplicatedChange): number {
  const existing = readDocRecord(tables, change.id);
  if (existing?.rev === change.rev) return existing.seq;
  return storeRevision(tables, existing, change);
}

/**
 * Makes `change` the document's current revision under the next sequence: moves the
 * superseded revision to `revs`, replaces the changes entry, files the record as live or
 * tombstone, and keeps the counters. Returns the new sequence.
 */
function storeRevision(tables: DocumentTables, existing: DocRecord | undefined, change: ReplicatedChange): number {
  const seq = readCounter(tables, 'update_seq') + 1;
  const live = existing !== undefined && !existing.deleted;
  if (existing) {
    tables.changes.remove(existing.seq);
    tables.revs.put(revisionKey(change.id, existing.rev), existing);
  }
  tables.changes.put(seq, { id: change.id, rev: change.rev, deleted: change.deleted });
  const record = { rev: change.rev, seq, deleted: change.deleted, body: change.body };
  if (change.deleted) {
    tables.deleted.put(change.id, record);
    tables.docs.remove(change.id);
  } else {
    tables.docs.put(change.id, record);
    if (existing?.deleted) tables.deleted.remove(change.id);
  }
  tables.meta.put('update_seq', seq);
  addToCounter(tables, 'doc_count', (change.deleted ? 0 : 1) - (live ? 1 : 0));
  addToCounter(tables, 'doc_del_count', (change.deleted ? 1 : 0) - (existing?.deleted ? 1 : 0));
  return seq;
}

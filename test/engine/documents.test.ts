import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Settee, SetteeError } from '../../engine/index.js';
import { withTempDir } from '../helpers/temp-dir.js';

async function withDb<T>(run: (db: Awaited<ReturnType<Settee['database']>>, settee: Settee) => Promise<T>) {
  return withTempDir(async (dir) => {
    const settee = await Settee.open({ dir });
    try {
      return await run(await settee.database('test', { create: true }), settee);
    } finally {
      await settee.close();
    }
  });
}

function errorCode(err: unknown): string {
  assert.ok(err instanceof SetteeError, `expected SetteeError, got ${String(err)}`);
  return err.error;
}

test('a new document gets revision 1-<hash> and can be read back', () =>
  withDb(async (db) => {
    const result = await db.put({ _id: 'apple', price: 3 });
    assert.match(result.rev, /^1-[0-9a-f]{32}$/);
    assert.deepEqual(db.get('apple'), { _id: 'apple', _rev: result.rev, price: 3 });
  }));

test('an update with a missing or stale _rev is a 409 conflict', () =>
  withDb(async (db) => {
    const first = await db.put({ _id: 'a', n: 1 });
    await assert.rejects(db.put({ _id: 'a', n: 2 }), (err) => errorCode(err) === 'conflict');
    const second = await db.put({ _id: 'a', _rev: first.rev, n: 2 });
    assert.match(second.rev, /^2-/);
    await assert.rejects(db.put({ _id: 'a', _rev: first.rev, n: 3 }), (err) => errorCode(err) === 'conflict');
    await assert.rejects(db.remove('a', first.rev), (err) => errorCode(err) === 'conflict');
  }));

test('deletes leave tombstones that appear in the changes feed', () =>
  withDb(async (db) => {
    const { rev } = await db.put({ _id: 'a' });
    const deleted = await db.remove('a', rev);
    assert.throws(() => db.get('a'), (err) => errorCode(err) === 'not_found' && (err as SetteeError).reason === 'deleted');
    const { results } = db.changesFeed.read();
    assert.deepEqual(results, [{ seq: 2, id: 'a', changes: [{ rev: deleted.rev }], deleted: true }]);
    assert.equal(db.info().doc_count, 0);
    assert.equal(db.info().doc_del_count, 1);
    const recreated = await db.put({ _id: 'a', again: true });
    assert.match(recreated.rev, /^3-/);
  }));

test('ids starting with an underscore are rejected unless _design/ or _local/', () =>
  withDb(async (db) => {
    await assert.rejects(db.put({ _id: '_foo' }), (err) => errorCode(err) === 'bad_request');
    await db.put({ _id: '_design/x', views: {} });
    await db.put({ _id: '_local/checkpoint', seq: 1 });
  }));

test('_local documents are stored but never appear in the changes feed', () =>
  withDb(async (db) => {
    await db.put({ _id: '_local/x', a: 1 });
    await db.put({ _id: 'b' });
    assert.deepEqual(db.get('_local/x'), { _id: '_local/x', _rev: '0-1', a: 1 });
    assert.deepEqual(db.changesFeed.read().results.map((row) => row.id), ['b']);
    assert.deepEqual(db.allDocs().rows.map((row) => row.id), ['b']);
  }));

test('a document posted without an id gets a generated one', () =>
  withDb(async (db) => {
    const { id } = await db.put({ value: 1 });
    assert.match(id, /^[0-9a-f]{32}$/);
  }));

test('concurrent writers receive strictly increasing sequences, one change per document', () =>
  withDb(async (db) => {
    await Promise.all(Array.from({ length: 200 }, (_, i) => db.put({ _id: `doc${i}` })));
    const seqs = db.changesFeed.read().results.map((row) => row.seq);
    assert.equal(seqs.length, 200);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    assert.equal(new Set(seqs).size, 200);
    assert.equal(db.updateSeq(), 200);
  }));

test('bulkDocs reports each document on its own and keeps input order', () =>
  withDb(async (db) => {
    await db.put({ _id: 'b' });
    const results = await db.bulkDocs([{ _id: 'a' }, { _id: 'b' }, { _id: '_bad' }, { _id: 'c' }]);
    assert.deepEqual(
      results.map((r) => ('ok' in r ? 'ok' : r.error)),
      ['ok', 'conflict', 'bad_request', 'ok'],
    );
  }));

test('allDocs honours ranges, descending, skip, limit, keys and include_docs', () =>
  withDb(async (db) => {
    await db.bulkDocs(['a', 'b', 'c', 'd', 'e'].map((id) => ({ _id: id, v: id })));
    const ids = (options: Parameters<typeof db.allDocs>[0]) => db.allDocs(options).rows.map((r) => r.key);
    assert.deepEqual(ids({ startkey: 'b', endkey: 'd' }), ['b', 'c', 'd']);
    assert.deepEqual(ids({ startkey: 'b', endkey: 'd', inclusive_end: false }), ['b', 'c']);
    assert.deepEqual(ids({ startkey: 'd', endkey: 'b', descending: true }), ['d', 'c', 'b']);
    assert.deepEqual(ids({ skip: 1, limit: 2 }), ['b', 'c']);
    assert.deepEqual(ids({ keys: ['e', 'zz', 'a'] }), ['e', 'zz', 'a']);
    const result = db.allDocs({ startkey: 'c', limit: 1, include_docs: true });
    assert.equal(result.offset, 2);
    assert.equal(result.total_rows, 5);
    assert.equal(result.rows[0]?.doc?.v, 'c');
    assert.equal(db.allDocs({ startkey: 'c', descending: true }).offset, 2);
  }));

test('the changes feed honours since, limit, descending, doc_ids and the _design filter', () =>
  withDb(async (db) => {
    for (const id of ['a', 'b', '_design/d', 'c']) await db.put({ _id: id });
    const read = (options: Parameters<typeof db.changesFeed.read>[0]) => db.changesFeed.read(options).results.map((r) => r.id);
    assert.deepEqual(read({ since: 2 }), ['_design/d', 'c']);
    assert.deepEqual(read({ limit: 2 }), ['a', 'b']);
    assert.deepEqual(read({ descending: true }), ['c', '_design/d', 'b', 'a']);
    assert.deepEqual(read({ filter: { kind: 'design' } }), ['_design/d']);
    assert.deepEqual(read({ filter: { kind: 'doc_ids', ids: new Set(['c', 'a']) } }), ['a', 'c']);
    assert.deepEqual(read({ since: 'now' }), []);
    assert.equal(db.changesFeed.read({ limit: 1 }).pending, 3);
  }));

test('the live changes feed wakes on a new commit without polling', () =>
  withDb(async (db) => {
    await db.put({ _id: 'before' });
    const controller = new AbortController();
    const seen: string[] = [];
    const following = (async () => {
      for await (const row of db.changesFeed.follow({ since: 'now', signal: controller.signal })) {
        seen.push(row.id);
        if (seen.length === 2) controller.abort();
      }
    })();
    await db.put({ _id: 'x' });
    await db.put({ _id: 'y' });
    await following;
    assert.deepEqual(seen, ['x', 'y']);
  }));

test('documents survive closing and reopening the store', () =>
  withTempDir(async (dir) => {
    const first = await Settee.open({ dir });
    await (await first.database('keep', { create: true })).put({ _id: 'a', n: 1 });
    await first.close();
    const second = await Settee.open({ dir });
    const db = await second.database('keep');
    assert.equal(db.get('a').n, 1);
    assert.equal(db.updateSeq(), 1);
    assert.deepEqual(await second.allDbs(), ['keep']);
    await second.close();
  }));

/**
 * The search engine embedded: indexes follow document updates and deletions (the
 * reference's §6.3 scenarios without purge), throwing functions, freshness options,
 * persistence across a restart, new signatures and cleanup, and `db.search`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Settee } from '../../../engine/settee.js';
import type { Database } from '../../../engine/documents/database.js';
import { withTempDir } from '../../helpers/temp-dir.js';

const FRUIT_INDEX = 'function(doc){ index("default", doc._id); if (doc.color) index("color", doc.color); if (doc.size) index("size", doc.size); }';

async function withSettee(run: (settee: Settee, db: Database, dir: string) => Promise<void>): Promise<void> {
  await withTempDir(async (dir) => {
    const settee = await Settee.open({ dir, workers: 2 });
    try {
      await run(settee, await settee.database('fruit', { create: true }), dir);
    } finally {
      await settee.close();
    }
  });
}

const total = async (db: Database, q: string, options: Record<string, unknown> = {}) => (await db.search<{ total_rows: number }>('fruit/colors', { q, ...options })).total_rows;

test('the index follows updates and deletions of the winning revision', () =>
  withSettee(async (_settee, db) => {
    const revs = new Map<string, string>();
    for (const id of ['apple', 'tomato', 'cherry', 'strawberry', 'haw']) revs.set(id, (await db.put({ _id: id, color: 'red', size: 1 })).rev);
    await db.put({ _id: '_design/fruit', indexes: { colors: { index: FRUIT_INDEX } } });
    assert.equal(await total(db, 'apple'), 1);
    assert.equal(await total(db, 'color:red'), 5);
    let rev = (await db.put({ _id: 'apple', _rev: revs.get('apple')!, color: 'green', size: 1 })).rev;
    assert.equal(await total(db, 'color:red'), 4);
    assert.equal(await total(db, 'color:green'), 1);
    for (let size = 2; size <= 60; size++) rev = (await db.put({ _id: 'apple', _rev: rev, color: 'green', size })).rev;
    assert.equal(await total(db, 'size:1'), 4);
    assert.equal(await total(db, 'size:60'), 1);
    await db.remove('apple', rev);
    assert.equal(await total(db, 'size:60'), 0);
    assert.equal(await total(db, 'apple'), 0);
    assert.equal(await total(db, '*:*'), 5); // the design document too: index("default", doc._id) ran for it (dreyfus passes design documents)
  }));

test('a document whose function throws is not indexed; the query still answers', () =>
  withSettee(async (_settee, db) => {
    await db.put({ _id: 'ok', color: 'red' });
    await db.put({ _id: 'bad', color: 'red', explode: true });
    await db.put({ _id: '_design/fruit', indexes: { colors: { index: 'function(doc){ if (doc.explode) { index("color", "x"); throw new Error("boom"); } if (doc.color) index("color", doc.color); }' } } });
    const result = await db.search<{ rows: Array<{ id: string }> }>('fruit/colors', { q: 'color:*' }).catch((err: { status: number }) => err);
    assert.equal((result as { status?: number }).status, 400); // `field:*` is a leading wildcard
    assert.deepEqual((await db.search<{ rows: Array<{ id: string }> }>('fruit/colors', { q: 'color:red OR color:x' })).rows.map((row) => row.id), ['ok']);
  }));

test('update=false and stale=ok answer from the index as it is; lazy catches up afterwards', () =>
  withSettee(async (settee, db) => {
    await db.put({ _id: '_design/fruit', indexes: { colors: { index: FRUIT_INDEX } } });
    await db.put({ _id: 'apple', color: 'red' });
    assert.equal(await total(db, 'color:red', { update: false }), 0);
    assert.equal(await total(db, 'color:red', { stale: 'ok' }), 0);
    assert.equal(await total(db, 'color:red', { update: 'lazy' }), 0);
    const engine = settee.search(db);
    await engine.update(engine.designs.get('fruit'), db.updateSeq());
    assert.equal(await total(db, 'color:red', { update: false }), 1);
  }));

test('an index persists across a restart and resumes from its checkpoint', () =>
  withTempDir(async (dir) => {
    const first = await Settee.open({ dir, workers: 1 });
    const db = await first.database('fruit', { create: true });
    await db.bulkDocs(Array.from({ length: 50 }, (_, i) => ({ _id: `f${i}`, color: i % 2 ? 'red' : 'green' })));
    await db.put({ _id: '_design/fruit', indexes: { colors: { index: FRUIT_INDEX } } });
    assert.equal(await total(db, 'color:red'), 25);
    await first.close();
    const second = await Settee.open({ dir, workers: 1 });
    try {
      const reopened = await second.database('fruit');
      assert.equal(await total(reopened, 'color:red', { update: false }), 25);
      const info = second.search(reopened).info('fruit', 'colors');
      assert.equal(info.search_index.committed_seq, reopened.updateSeq());
      await reopened.put({ _id: 'late', color: 'red' });
      assert.equal(await total(reopened, 'color:red'), 26);
    } finally {
      await second.close();
    }
  }));

test('a changed index function builds a new index; cleanup drops the old one', () =>
  withSettee(async (settee, db) => {
    await db.put({ _id: 'apple', color: 'red', size: 3 });
    const { rev } = await db.put({ _id: '_design/fruit', indexes: { colors: { index: FRUIT_INDEX } } });
    assert.equal(await total(db, 'size:3'), 1);
    await db.put({ _id: '_design/fruit', _rev: rev, indexes: { colors: { index: 'function(doc){ if (doc.color) index("color", doc.color); }' } } });
    assert.equal(await total(db, 'size:3'), 0);
    assert.equal(await total(db, 'color:red'), 1);
    const engine = settee.search(db);
    assert.equal(engine.store.storedSignatures().size, 2);
    assert.equal(await engine.cleanup(), 1);
    assert.equal(engine.store.storedSignatures().size, 1);
  }));

test('design documents: a broken index function is refused; an unknown analyzer is a 400 at query time', () =>
  withSettee(async (_settee, db) => {
    await assert.rejects(db.put({ _id: '_design/broken', indexes: { x: { index: 'function(doc){ index(' } } }), (err: { status?: number }) => err.status === 400);
    await db.put({ _id: '_design/fruit', indexes: { colors: { index: FRUIT_INDEX, analyzer: 'klingon' } } });
    await assert.rejects(db.search('fruit/colors', { q: '*:*' }), (err: { status?: number }) => err.status === 400);
    await assert.rejects(db.search('fruit/nothing', { q: '*:*' }), (err: { status?: number; reason?: string }) => err.status === 404 && err.reason === 'nothing not found.');
  }));

/**
 * view_update_seq (reference §6.4, §8.10): `update_seq=true`, `stale=ok`,
 * `stale=update_after`, on a design document with `autoupdate: false`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { designDoc, eventually, makeDocs, openSettee, save, type LibraryFixture, type ViewResponse } from './helpers.js';

let fixture: LibraryFixture;
before(async () => {
  fixture = await openSettee();
});
after(() => fixture.close());

const DDOC = designDoc(
  'test',
  {
    all_docs: { map: 'function(doc) { emit(doc.integer, doc.string); }' },
    summate: { map: 'function(doc) { if (typeof doc.integer === "number") emit(doc.integer, doc.integer); }', reduce: 'function(keys, values) { return sum(values); }' },
  },
  { autoupdate: false },
);

const seqOf = (result: ViewResponse) => (typeof result.update_seq === 'string' ? parseInt(result.update_seq, 10) : result.update_seq);

describe('view_update_seq', () => {
  it('_all_docs?update_seq=true reports the database sequence: 0 empty, 1 after the ddoc, 101 after 100 docs', async () => {
    const db = await fixture.freshDb();
    assert.equal(db.allDocs({ update_seq: true }).update_seq, 0);
    await db.put(DDOC);
    assert.equal(db.allDocs({ update_seq: true }).update_seq, 1);
    await save(db, makeDocs(0, 99));
    assert.equal(db.allDocs({ update_seq: true }).update_seq, 101);
  });

  it('update_seq is only in the response when requested', async () => {
    const db = await fixture.freshDb();
    await save(db, [DDOC, ...makeDocs(0, 9)]);
    assert.equal('update_seq' in (await db.view<ViewResponse>('test/all_docs')), false);
    assert.equal('update_seq' in (await db.view<ViewResponse>('test/summate')), false);
  });

  it('stale=ok, stale=update_after and the default query each report the sequence the view reflects', async () => {
    const db = await fixture.freshDb();
    await db.put(DDOC); // seq 1
    await save(db, makeDocs(0, 99)); // seqs 2..101

    const map = await db.view<ViewResponse>('test/all_docs', { update_seq: true });
    assert.equal(seqOf(map), 101);
    assert.equal(map.rows.length, 100);
    assert.equal(seqOf(await db.view<ViewResponse>('test/summate', { update_seq: true })), 101, 'reduce view');

    await db.put({ _id: 'A', integer: 100, string: '100' }); // seq 102
    const stale = await db.view<ViewResponse>('test/all_docs', { stale: 'ok', update_seq: true });
    assert.equal(seqOf(stale), 101, 'stale=ok does not update the index');
    assert.equal(stale.rows.length, 100);

    await db.put({ _id: 'AA', integer: 101, string: '101' }); // seq 103
    const lazy = await db.view<ViewResponse>('test/all_docs', { stale: 'update_after', update_seq: true });
    assert.equal(seqOf(lazy), 101, 'stale=update_after answers from the current index');
    const caughtUp = await eventually(async () => seqOf(await db.view<ViewResponse>('test/all_docs', { stale: 'ok', update_seq: true })) === 103);
    assert.ok(caughtUp, 'stale=update_after updates the index in the background');

    const fresh = await db.view<ViewResponse>('test/all_docs', { update_seq: true });
    assert.equal(seqOf(fresh), 103);
    assert.equal(fresh.rows.length, 102);
    assert.equal(seqOf(await db.view<ViewResponse>('test/all_docs', { keys: [0, 1], update_seq: true })), 103, 'keys query');
    assert.equal(seqOf(await db.view<ViewResponse>('test/summate', { group: true, update_seq: true })), 103, 'group=true query');
    assert.equal(seqOf(await db.view<ViewResponse>('test/summate', { keys: [0, 1], group: true, update_seq: true })), 103, 'reduce keys query');
  });

  it('update=false on a never-built index answers an empty result without building it', async () => {
    const db = await fixture.freshDb();
    await save(db, [DDOC, ...makeDocs(0, 9)]);
    const result = await db.view<ViewResponse>('test/all_docs', { update: false });
    assert.equal(result.total_rows, 0);
    assert.deepEqual(result.rows, []);
    const stale = await db.view<ViewResponse>('test/all_docs', { stale: 'ok' });
    assert.equal(stale.total_rows, 0, 'stale=ok did not build it either');
    assert.equal((await db.view<ViewResponse>('test/all_docs')).total_rows, 10);
  });

  it('update=lazy answers from the current index and catches up in the background', async () => {
    const db = await fixture.freshDb();
    await save(db, [DDOC, ...makeDocs(0, 9)]);
    assert.equal((await db.view<ViewResponse>('test/all_docs')).total_rows, 10);
    await save(db, makeDocs(10, 14));
    assert.equal((await db.view<ViewResponse>('test/all_docs', { update: 'lazy' })).total_rows, 10);
    assert.ok(await eventually(async () => (await db.view<ViewResponse>('test/all_docs', { update: false })).total_rows === 15));
  });
});

describe('incremental updates (§6.2)', () => {
  it('re-saving every document twice keeps exactly one row per document, with the latest values', async () => {
    const db = await fixture.freshDb();
    await save(db, [designDoc('test', { v: { map: 'function(doc) { emit(doc._id, doc.value); }' }, total: { map: 'function(doc) { emit(null, doc.value); }', reduce: '_sum' } })]);
    const docs: any[] = Array.from({ length: 100 }, (_, i) => ({ _id: String(i), value: 1 }));
    const revs = await db.bulkDocs(docs);
    assert.equal((await db.view<ViewResponse>('test/v')).total_rows, 100);
    for (let round = 2; round <= 3; round++) {
      const updated = await db.bulkDocs(docs.map((doc, i) => ({ ...doc, value: round, _rev: (revs[i] as { rev: string }).rev })));
      updated.forEach((result, i) => (revs[i] = result));
      const result = await db.view<ViewResponse>('test/v');
      assert.equal(result.total_rows, 100, `round ${round}`);
      assert.ok(result.rows.every((row) => row.value === round));
      assert.deepEqual((await db.view<ViewResponse>('test/total')).rows, [{ key: null, value: 100 * round }]);
    }
  });

  it('deleting a document removes its rows; re-creating it brings them back', async () => {
    const db = await fixture.freshDb();
    await save(db, [designDoc('test', { v: { map: 'function(doc) { emit(doc.integer, null); emit([doc.integer], null); }' } }), ...makeDocs(1, 5)]);
    assert.equal((await db.view<ViewResponse>('test/v')).total_rows, 10);
    await db.remove('3', db.get('3')._rev);
    const afterDelete = await db.view<ViewResponse>('test/v');
    assert.equal(afterDelete.total_rows, 8);
    assert.ok(afterDelete.rows.every((row) => row.id !== '3'));
    await db.put({ _id: '3', integer: 33 });
    const keys = (await db.view<ViewResponse>('test/v')).rows.filter((row) => row.id === '3').map((row) => row.key);
    assert.deepEqual(keys, [33, [33]]);
  });
});

/**
 * view_pagination, view_offsets (reference §3.7, §4.1, §8.7, §8.8) and the map eunit
 * vectors of §8.16: limit/skip/startkey_docid paging, `offset` and `total_rows`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../../engine/index.js';
import { designDoc, idsOf, keysOf, makeDocs, openSettee, save, type LibraryFixture, type ViewResponse } from './helpers.js';

let fixture: LibraryFixture;
before(async () => {
  fixture = await openSettee();
});
after(() => fixture.close());

describe('view_pagination over docs 0..99', () => {
  let db: Database;
  before(async () => {
    db = await fixture.freshDb();
    await save(db, [
      designDoc('test', {
        by_integer: { map: 'function(doc) { emit(doc.integer, null); }' },
        all_null: { map: 'function(doc) { emit(null, null); }' },
      }),
      ...makeDocs(0, 99),
    ]);
  });

  it('startkey=i&startkey_docid=i&limit=10 pages forward: keys i..i+9, offset i, total_rows 100', async () => {
    for (let i = 0; i < 100; i += 10) {
      const page = await db.view<ViewResponse>('test/by_integer', { startkey: i, startkey_docid: String(i), limit: 10 });
      assert.deepEqual(keysOf(page), Array.from({ length: 10 }, (_, k) => i + k), `page at ${i}`);
      assert.equal(page.offset, i);
      assert.equal(page.total_rows, 100);
    }
  });

  it('descending=false given explicitly pages exactly like the default', async () => {
    for (let i = 0; i < 100; i += 10) {
      const page = await db.view<ViewResponse>('test/by_integer', { startkey: i, startkey_docid: String(i), limit: 10, descending: false });
      assert.deepEqual(keysOf(page), Array.from({ length: 10 }, (_, k) => i + k), `page at ${i}`);
      assert.equal(page.offset, i);
    }
  });

  it('descending pages: keys i, i-1, …, i-9 with offset counted from the end (100 - i - 1)', async () => {
    for (let i = 99; i >= 9; i -= 10) {
      const page = await db.view<ViewResponse>('test/by_integer', { startkey: i, startkey_docid: String(i), limit: 10, descending: true });
      assert.deepEqual(keysOf(page), Array.from({ length: 10 }, (_, k) => i - k), `page at ${i}`);
      assert.equal(page.offset, 100 - i - 1);
      assert.equal(page.total_rows, 100);
    }
  });

  const NULL_KEY_IDS = ['1', ...Array.from({ length: 10 }, (_, k) => `1${k}`), '2', ...Array.from({ length: 10 }, (_, k) => `2${k}`), '3', ...Array.from({ length: 10 }, (_, k) => `3${k}`), '4', '40'];
  const docidRanges: Array<[string, Record<string, unknown>]> = [
    ['startkey/startkey_docid/endkey/endkey_docid', { startkey: null, startkey_docid: '1', endkey: null, endkey_docid: '40' }],
    ['start_key/start_key_doc_id/end_key/end_key_doc_id', { start_key: null, start_key_doc_id: '1', end_key: null, end_key_doc_id: '40' }],
  ];
  for (const [spelling, options] of docidRanges) {
    it(`rows with one key are paged by doc id in byte order (${spelling}): 35 rows, offset 1`, async () => {
      const result = await db.view<ViewResponse>('test/all_null', options);
      assert.equal(NULL_KEY_IDS.length, 35);
      assert.deepEqual(idsOf(result), NULL_KEY_IDS);
      assert.equal(result.offset, 1);
      assert.equal(result.total_rows, 100);
    });
  }
});

describe('view_offsets: offset with descending startkey over [letter, number] keys', () => {
  const DOCS = [
    ['a1', 'a', 1],
    ['a2', 'a', 2],
    ['a3', 'a', 3],
    ['b1', 'b', 1],
    ['b2', 'b', 2],
    ['b3', 'b', 3],
    ['b4', 'b', 4],
    ['b5', 'b', 5],
    ['c1', 'c', 1],
    ['c2', 'c', 2],
  ].map(([_id, letter, number]) => ({ _id, letter, number }));
  const ddoc = designDoc('test', { offset: { map: 'function(doc) { emit([doc.letter, doc.number], doc); }' } });

  async function offsetsDb(): Promise<Database> {
    const db = await fixture.freshDb();
    await save(db, [ddoc, ...DOCS]);
    return db;
  }

  it('descending=true&startkey=k has offset = rows after k: ["c",2]→0 … ["a",1]→9', async () => {
    const db = await offsetsDb();
    const expected: Array<[unknown[], number]> = [
      [['c', 2], 0],
      [['c', 1], 1],
      [['b', 5], 2],
      [['b', 4], 3],
      [['b', 3], 4],
      [['b', 2], 5],
      [['b', 1], 6],
      [['a', 3], 7],
      [['a', 2], 8],
      [['a', 1], 9],
    ];
    for (const [startkey, offset] of expected) {
      const result = await db.view<ViewResponse>('test/offset', { startkey, descending: true });
      assert.equal(result.offset, offset, `startkey=${JSON.stringify(startkey)}`);
      assert.equal(result.total_rows, 10);
    }
  });

  it('on 15 fresh databases: skip counts into offset, and empty ranges report the rows before them', async () => {
    for (let round = 0; round < 15; round++) {
      const db = await offsetsDb();
      const skipped = await db.view<ViewResponse>('test/offset', {
        startkey: ['b', 4],
        startkey_docid: 'b4',
        endkey: ['b'],
        descending: true,
        limit: 2,
        skip: 1,
      });
      assert.equal(skipped.offset, 4, `round ${round}: skip=1 from ["b",4] descending`);
      assert.deepEqual(idsOf(skipped), ['b3', 'b2']);
      const pastEnd = await db.view<ViewResponse>('test/offset', { startkey: ['c', 3] });
      assert.deepEqual([pastEnd.offset, pastEnd.rows.length, pastEnd.total_rows], [10, 0, 10], `round ${round}: startkey past the end`);
      const gap = await db.view<ViewResponse>('test/offset', { startkey: ['b', 6], endkey: ['b', 7] });
      assert.deepEqual([gap.offset, gap.rows.length], [8, 0], `round ${round}: empty range inside the view`);
    }
  });
});

describe('couch_mrview_map_views: docs 1..10 emitting (val, val)', () => {
  let db: Database;
  before(async () => {
    db = await fixture.freshDb();
    const docs = Array.from({ length: 10 }, (_, i) => ({ _id: String(i + 1), val: i + 1 }));
    await save(db, [designDoc('bar', { baz: { map: 'function(doc) { emit(doc.val, doc.val); }' } }), ...docs]);
  });

  it('the whole view: total_rows 10, offset 0, keys 1..10', async () => {
    const result = await db.view<ViewResponse>('bar/baz');
    assert.deepEqual([result.total_rows, result.offset], [10, 0]);
    assert.deepEqual(keysOf(result), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.deepEqual(Object.keys(result), ['total_rows', 'offset', 'rows']);
    assert.deepEqual(result.rows[0], { id: '1', key: 1, value: 1 });
  });

  it('descending start_key=5&end_key=3: offset 5, keys 5, 4, 3', async () => {
    const result = await db.view<ViewResponse>('bar/baz', { descending: true, start_key: 5, end_key: 3 });
    assert.equal(result.offset, 5);
    assert.deepEqual(keysOf(result), [5, 4, 3]);
  });

  it('start_key=2&limit=3&skip=3: offset 4 (skipped rows count), keys 5, 6, 7', async () => {
    const result = await db.view<ViewResponse>('bar/baz', { start_key: 2, limit: 3, skip: 3 });
    assert.equal(result.offset, 4);
    assert.deepEqual(keysOf(result), [5, 6, 7]);
  });

  it('key=8&include_docs=true: offset 7 and the row carries the document', async () => {
    const result = await db.view<ViewResponse>('bar/baz', { key: 8, include_docs: true });
    assert.equal(result.offset, 7);
    assert.equal(result.rows.length, 1);
    const { doc, ...row } = result.rows[0]!;
    assert.deepEqual(row, { id: '8', key: 8, value: 8 });
    assert.equal(doc._id, '8');
    assert.equal(doc.val, 8);
    assert.match(doc._rev, /^1-/);
  });

  it('limit=0 returns no rows but the full meta', async () => {
    const result = await db.view<ViewResponse>('bar/baz', { limit: 0 });
    assert.deepEqual(result, { total_rows: 10, offset: 0, rows: [] });
  });

  it('an empty view answers {total_rows: 0, offset: 0, rows: []}', async () => {
    const empty = await fixture.freshDb();
    await save(empty, [designDoc('bar', { baz: { map: 'function(doc) { emit(doc.val, doc.val); }' } })]);
    assert.deepEqual(await empty.view('bar/baz'), { total_rows: 0, offset: 0, rows: [] });
  });
});

/**
 * reduce_test (reference §8.2, §3.3 pagination table, §5.7) and the reduce eunit
 * vectors of §8.16: custom JavaScript reduces, grouping, group_level over array keys,
 * rereduce, and reduce results at docid-bounded range edges.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../../engine/index.js';
import { designDoc, makeDocs, openSettee, save, summate, type LibraryFixture, type ViewResponse } from './helpers.js';

const SUM = 'function(keys, values) { return sum(values); }';

let fixture: LibraryFixture;
before(async () => {
  fixture = await openSettee();
});
after(() => fixture.close());

describe('reduce_test: basic custom reduce over docs 1..500 emitting each integer twice', () => {
  let db: Database;
  const value = async (options: Record<string, unknown> = {}) => {
    const result = await db.view<ViewResponse>('test/sum', options);
    assert.equal(result.rows.length, 1, `one reduce row for ${JSON.stringify(options)}`);
    assert.equal(result.rows[0]!.key, null);
    return result.rows[0]!.value;
  };

  before(async () => {
    db = await fixture.freshDb();
    const map = 'function(doc) { emit(doc.integer, doc.integer); emit(doc.integer, doc.integer); }';
    await save(db, [designDoc('test', { sum: { map, reduce: SUM } }), ...makeDocs(1, 500)]);
  });

  it('reduces the whole view to one row with key null: 2 × Σ1..500 = 250500', async () => {
    assert.equal(await value(), 250500);
  });

  it('reduce responses have only rows (no total_rows, no offset)', async () => {
    const result = await db.view<ViewResponse>('test/sum');
    assert.deepEqual(Object.keys(result), ['rows']);
    assert.deepEqual(result.rows, [{ key: null, value: 250500 }]);
  });

  it('unknown query parameters are ignored', async () => {
    assert.equal(await value({ foobar: Math.random() }), 250500);
  });

  it('reduces only the rows in the key range: 4..4 → 8, 4..5 → 18, 4..6 → 30', async () => {
    assert.equal(await value({ startkey: 4, endkey: 4 }), 8);
    assert.equal(await value({ startkey: 4, endkey: 5 }), 18);
    assert.equal(await value({ startkey: 4, endkey: 6 }), 30);
  });

  it('group=true&limit=3 returns the first three groups: 2, 4, 6', async () => {
    const result = await db.view<ViewResponse>('test/sum', { group: true, limit: 3 });
    assert.deepEqual(result.rows, [
      { key: 1, value: 2 },
      { key: 2, value: 4 },
      { key: 3, value: 6 },
    ]);
  });

  it('startkey=i&endkey=500-i reduces to 2 × (Σ1..(500-i) − Σ1..(i-1)) for i = 1, 31, …, 241', async () => {
    for (let i = 1; i <= 250; i += 30) {
      assert.equal(await value({ startkey: i, endkey: 500 - i }), 2 * (summate(500 - i) - summate(i - 1)), `i=${i}`);
    }
  });
});

describe('reduce_test: array keys and group_level', () => {
  const BATCH = [['a'], ['a'], ['a', 'b'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'd'], ['a', 'c', 'd'], ['d'], ['d', 'a'], ['d', 'b'], ['d', 'c']];

  it('after each of 5 rounds of 10 batches, group=true / group_level=2 / endkey=["d"] give the exact counts', async () => {
    const db = await fixture.freshDb();
    await save(db, [designDoc('test', { keys: { map: 'function(doc) { emit(doc.keys, 1); }', reduce: SUM } })]);
    for (let i = 1; i <= 5; i++) {
      for (let j = 0; j < 10; j++) {
        await save(db, BATCH.map((keys) => ({ keys })));
        assert.equal(db.info().doc_count, 1 + (i - 1) * 110 + (j + 1) * 11);
      }
      const grouped = await db.view<ViewResponse>('test/keys', { group: true });
      assert.deepEqual(
        grouped.rows,
        [
          { key: ['a'], value: 20 * i },
          { key: ['a', 'b'], value: 20 * i },
          { key: ['a', 'b', 'c'], value: 10 * i },
          { key: ['a', 'b', 'd'], value: 10 * i },
          { key: ['a', 'c', 'd'], value: 10 * i },
          { key: ['d'], value: 10 * i },
          { key: ['d', 'a'], value: 10 * i },
          { key: ['d', 'b'], value: 10 * i },
          { key: ['d', 'c'], value: 10 * i },
        ],
        `group=true after round ${i}`,
      );
      const limited = await db.view<ViewResponse>('test/keys', { group: true, limit: 2 });
      assert.equal(limited.rows.length, 2);
      assert.deepEqual(limited.rows[0], { key: ['a'], value: 20 * i });

      const level2 = [
        { key: ['a'], value: 20 * i },
        { key: ['a', 'b'], value: 40 * i },
        { key: ['a', 'c'], value: 10 * i },
        { key: ['d'], value: 10 * i },
        { key: ['d', 'a'], value: 10 * i },
        { key: ['d', 'b'], value: 10 * i },
        { key: ['d', 'c'], value: 10 * i },
      ];
      assert.deepEqual((await db.view<ViewResponse>('test/keys', { group_level: 2 })).rows, level2, `group_level=2, round ${i}`);
      assert.deepEqual(
        (await db.view<ViewResponse>('test/keys', { group_level: 2, endkey: ['d'] })).rows,
        level2.slice(0, 4),
        `group_level=2&endkey=["d"], round ${i}`,
      );
      assert.deepEqual(
        (await db.view<ViewResponse>('test/keys', { group_level: 2, endkey: ['d'], inclusive_end: false })).rows,
        level2.slice(0, 3),
        `group_level=2&endkey=["d"]&inclusive_end=false, round ${i}`,
      );
    }
  });
});

describe('reduce_test: rereduce', () => {
  it('a rereduce-aware standard deviation over {10, …, 100} × 10 is 28.722813232690143', async () => {
    const db = await fixture.freshDb();
    const reduce = `function(keys, values, rereduce) {
      var count = 0, total = 0.0, sqrTotal = 0.0;
      if (!rereduce) {
        for (var i in values) { total = total + values[i]; sqrTotal = sqrTotal + values[i] * values[i]; }
        count = values.length;
      } else {
        for (var i in values) { count = count + values[i].count; total = total + values[i].total; sqrTotal = sqrTotal + values[i].sqrTotal; }
      }
      var variance = (sqrTotal - (total * total) / count) / count;
      return { stdDeviation: Math.sqrt(variance), count: count, total: total, sqrTotal: sqrTotal };
    }`;
    const docs = [];
    for (let i = 1; i <= 10; i++) for (let j = 0; j < 10; j++) docs.push({ val: i * 10 });
    await save(db, [designDoc('test', { stddev: { map: 'function(doc) { emit(doc.val, doc.val); }', reduce } })]);
    for (let start = 0; start < docs.length; start += 10) await save(db, docs.slice(start, start + 10));
    const result = await db.view<ViewResponse>('test/stddev');
    const value = result.rows[0]!.value;
    assert.equal(value.count, 100);
    assert.equal(value.total, 5500);
    assert.ok(Math.abs(value.stdDeviation - 28.722813232690143) < 1e-10, `stdDeviation ${value.stdDeviation}`);
  });
});

describe('reduce_test: reduce pagination at docid-bounded range edges (_count)', () => {
  // docs _id=String(i), int=i for i=0..1122; rows per key k have ids String(k-2), String(k-1), String(k)
  let db: Database;
  before(async () => {
    db = await fixture.freshDb();
    const map = 'function(doc) { emit(doc.int, doc._id); emit(doc.int + 1, doc._id); emit(doc.int + 2, doc._id); }';
    const docs = [];
    for (let i = 0; i <= 1122; i++) docs.push({ _id: String(i), int: i });
    await save(db, [designDoc('test', { count: { map, reduce: '_count' } }), ...docs]);
  });

  const ungrouped: Array<[string, Record<string, unknown>, number]> = [
    ['startkey=400&endkey=402 counts all three keys', { startkey: 400, endkey: 402 }, 9],
    ['descending startkey=402&endkey=400 counts all three keys', { startkey: 402, endkey: 400, descending: true }, 9],
    ['inclusive_end=false drops the end key', { startkey: 400, endkey: 402, inclusive_end: false }, 6],
    ['descending with inclusive_end=false drops the end key', { startkey: 402, endkey: 400, descending: true, inclusive_end: false }, 6],
    ['endkey_docid="400" keeps end-key rows up to that id', { startkey: 400, endkey: 402, endkey_docid: '400' }, 7],
    ['endkey_docid="400" with inclusive_end=false keeps end-key rows before that id', { startkey: 400, endkey: 402, endkey_docid: '400', inclusive_end: false }, 6],
    ['endkey_docid="401"', { startkey: 400, endkey: 402, endkey_docid: '401' }, 8],
    ['endkey_docid="401" with inclusive_end=false', { startkey: 400, endkey: 402, endkey_docid: '401', inclusive_end: false }, 7],
    ['endkey_docid="402"', { startkey: 400, endkey: 402, endkey_docid: '402' }, 9],
    ['endkey_docid="402" with inclusive_end=false', { startkey: 400, endkey: 402, endkey_docid: '402', inclusive_end: false }, 8],
    ['descending endkey_docid="398"', { startkey: 402, endkey: 400, descending: true, endkey_docid: '398' }, 9],
    ['descending endkey_docid="398" with inclusive_end=false', { startkey: 402, endkey: 400, descending: true, endkey_docid: '398', inclusive_end: false }, 8],
    ['descending endkey_docid="399"', { startkey: 402, endkey: 400, descending: true, endkey_docid: '399' }, 8],
    ['descending endkey_docid="399" with inclusive_end=false', { startkey: 402, endkey: 400, descending: true, endkey_docid: '399', inclusive_end: false }, 7],
    ['descending endkey_docid="400"', { startkey: 402, endkey: 400, descending: true, endkey_docid: '400' }, 7],
    ['descending endkey_docid="400" with inclusive_end=false', { startkey: 402, endkey: 400, descending: true, endkey_docid: '400', inclusive_end: false }, 6],
    ['descending startkey_docid="400" starts inside the start key', { startkey: 402, endkey: 400, descending: true, startkey_docid: '400' }, 7],
    ['descending startkey_docid="401" with inclusive_end=false', { startkey: 402, endkey: 400, descending: true, startkey_docid: '401', inclusive_end: false }, 5],
  ];
  for (const [rule, options, expected] of ungrouped) {
    it(`no group: ${rule} → ${expected}`, async () => {
      const result = await db.view<ViewResponse>('test/count', options);
      assert.deepEqual(result.rows, [{ key: null, value: expected }]);
    });
  }

  const groups = (...pairs: Array<[number, number]>) => pairs.map(([key, value]) => ({ key, value }));
  const grouped: Array<[string, Record<string, unknown>, Array<{ key: number; value: number }>]> = [
    ['400..402 gives three full groups', { startkey: 400, endkey: 402 }, groups([400, 3], [401, 3], [402, 3])],
    ['descending 402..400 gives three full groups in reverse', { startkey: 402, endkey: 400, descending: true }, groups([402, 3], [401, 3], [400, 3])],
    ['inclusive_end=false drops the end group', { startkey: 400, endkey: 402, inclusive_end: false }, groups([400, 3], [401, 3])],
    ['descending inclusive_end=false drops the end group', { startkey: 402, endkey: 400, descending: true, inclusive_end: false }, groups([402, 3], [401, 3])],
    ['endkey_docid="401" makes the end group partial', { startkey: 400, endkey: 402, endkey_docid: '401' }, groups([400, 3], [401, 3], [402, 2])],
    ['endkey_docid="400" makes the end group partial', { startkey: 400, endkey: 402, endkey_docid: '400' }, groups([400, 3], [401, 3], [402, 1])],
    ['descending startkey_docid="401" makes the start group partial', { startkey: 402, endkey: 400, descending: true, startkey_docid: '401' }, groups([402, 2], [401, 3], [400, 3])],
    ['descending startkey_docid="400" makes the start group partial', { startkey: 402, endkey: 400, descending: true, startkey_docid: '400' }, groups([402, 1], [401, 3], [400, 3])],
    ['descending startkey_docid="401" with inclusive_end=false', { startkey: 402, endkey: 400, descending: true, startkey_docid: '401', inclusive_end: false }, groups([402, 2], [401, 3])],
    ['descending startkey_docid="400" with inclusive_end=false', { startkey: 402, endkey: 400, descending: true, startkey_docid: '400', inclusive_end: false }, groups([402, 1], [401, 3])],
    ['descending endkey_docid="398" keeps the whole end group', { startkey: 402, endkey: 400, descending: true, endkey_docid: '398' }, groups([402, 3], [401, 3], [400, 3])],
    ['descending endkey_docid="399" makes the end group partial', { startkey: 402, endkey: 400, descending: true, endkey_docid: '399' }, groups([402, 3], [401, 3], [400, 2])],
    ['descending endkey_docid="399" with inclusive_end=false', { startkey: 402, endkey: 400, descending: true, endkey_docid: '399', inclusive_end: false }, groups([402, 3], [401, 3], [400, 1])],
    ['descending endkey_docid="400" with inclusive_end=false empties the end group', { startkey: 402, endkey: 400, descending: true, endkey_docid: '400', inclusive_end: false }, groups([402, 3], [401, 3])],
  ];
  for (const [rule, options, expected] of grouped) {
    it(`group=true: ${rule}`, async () => {
      const result = await db.view<ViewResponse>('test/count', { ...options, group: true });
      assert.deepEqual(result.rows, expected);
    });
  }
});

describe('couch_mrview_red_views: reduce over [parity, val] keys', () => {
  let db: Database;
  before(async () => {
    db = await fixture.freshDb();
    const docs = Array.from({ length: 10 }, (_, i) => ({ _id: String(i + 1), val: i + 1 }));
    await save(db, [designDoc('red', { baz: { map: 'function(doc) { emit([doc.val % 2, doc.val], doc.val); }', reduce: SUM } }), ...docs]);
  });

  it('without grouping the whole view reduces to {key: null, value: 55}', async () => {
    assert.deepEqual((await db.view<ViewResponse>('red/baz')).rows, [{ key: null, value: 55 }]);
  });

  it('start_key=[0,2]&end_key=[0,4] reduces to 6', async () => {
    assert.deepEqual((await db.view<ViewResponse>('red/baz', { start_key: [0, 2], end_key: [0, 4] })).rows, [{ key: null, value: 6 }]);
  });

  it('group_level=1 gives [0]: 30 and [1]: 25', async () => {
    assert.deepEqual((await db.view<ViewResponse>('red/baz', { group_level: 1 })).rows, [
      { key: [0], value: 30 },
      { key: [1], value: 25 },
    ]);
  });

  it('exact grouping gives one row per key, even parity first', async () => {
    const expected = [2, 4, 6, 8, 10, 1, 3, 5, 7, 9].map((val) => ({ key: [val % 2, val], value: val }));
    assert.deepEqual((await db.view<ViewResponse>('red/baz', { group: true })).rows, expected);
  });
});

describe('reduce_false_test', () => {
  let db: Database;
  before(async () => {
    db = await fixture.freshDb();
    await save(db, [designDoc('test', { summate: { map: 'function(doc) { emit(doc.integer, doc.integer); }', reduce: SUM } }), ...makeDocs(1, 5)]);
  });

  it('a reduce view reduces by default: one row with value 15', async () => {
    assert.deepEqual((await db.view<ViewResponse>('test/summate')).rows, [{ key: null, value: 15 }]);
  });

  it('reduce=false returns the map rows in key order, row i with value i', async () => {
    const result = await db.view<ViewResponse>('test/summate', { reduce: false });
    assert.equal(result.total_rows, 5);
    assert.equal(result.offset, 0);
    assert.deepEqual(
      result.rows.map((row) => [row.id, row.key, row.value]),
      [1, 2, 3, 4, 5].map((i) => [String(i), i, i]),
    );
  });
});

/**
 * reduce_builtin_test (reference §8.3, §5): the built-in reduces over docs 1..500 that
 * emit `(integer, integer)` twice, their trailing-garbage names, invalid names refused
 * when the design document is saved, and _sum/_count over array keys.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../../engine/index.js';
import { designDoc, makeDocs, openSettee, rejectsWith, save, summate, type LibraryFixture, type ViewResponse } from './helpers.js';

const MAP = 'function(doc) { emit(doc.integer, doc.integer); emit(doc.integer, doc.integer); }';
const SUMSQR_500 = Array.from({ length: 500 }, (_, i) => (i + 1) ** 2).reduce((a, b) => a + b, 0);

/** HyperLogLog tolerance used by the CouchDB test: 1.04 / sqrt(2^10). */
function approxDistinct(expected: number, estimate: number): void {
  assert.ok(Math.abs(expected - estimate) < expected * (1.04 / Math.sqrt(2 ** 10)), `estimate ${estimate} for ${expected} distinct keys`);
}

let fixture: LibraryFixture;
before(async () => {
  fixture = await openSettee();
});
after(() => fixture.close());

describe('built-in reduces over docs 1..500 emitting each integer twice', () => {
  let db: Database;
  const rows = async (view: string, options: Record<string, unknown> = {}) => (await db.view<ViewResponse>(`builtin/${view}`, options)).rows;
  const value = async (view: string, options: Record<string, unknown> = {}) => {
    const result = await rows(view, options);
    assert.equal(result.length, 1, `one row from ${view} ${JSON.stringify(options)}`);
    assert.equal(result[0]!.key, null);
    return result[0]!.value;
  };

  before(async () => {
    db = await fixture.freshDb();
    const views: Record<string, unknown> = {};
    for (const reduce of ['_sum', '_count', '_stats', '_approx_count_distinct', '_top_3', '_bottom_3', '_first', '_last']) {
      views[reduce.slice(1)] = { map: MAP, reduce };
    }
    await save(db, [...makeDocs(1, 500), designDoc('builtin', views)]);
  });

  it('_sum adds the values: 2 × Σ1..500 = 250500', async () => {
    assert.equal(await value('sum'), 2 * summate(500));
  });

  it('_count counts rows: 1000', async () => {
    assert.equal(await value('count'), 1000);
  });

  it('_stats returns {sum, count, min, max, sumsqr} in that member order', async () => {
    const stats = await value('stats');
    assert.deepEqual(stats, { sum: 250500, count: 1000, min: 1, max: 500, sumsqr: 2 * SUMSQR_500 });
    assert.equal(2 * SUMSQR_500, 83583500);
    assert.deepEqual(Object.keys(stats), ['sum', 'count', 'min', 'max', 'sumsqr']);
  });

  it('_approx_count_distinct estimates the 500 distinct keys within HyperLogLog error', async () => {
    approxDistinct(500, await value('approx_count_distinct'));
  });

  it('key ranges 4..4, 4..5, 4..6: _sum 8/18/30, _count 2/4/6, distinct ≈ 1/2/3', async () => {
    const cases: Array<[number, number, number, number]> = [
      [4, 8, 2, 1],
      [5, 18, 4, 2],
      [6, 30, 6, 3],
    ];
    for (const [endkey, sum, count, distinct] of cases) {
      const range = { startkey: 4, endkey };
      assert.equal(await value('sum', range), sum, `_sum 4..${endkey}`);
      assert.equal(await value('count', range), count, `_count 4..${endkey}`);
      approxDistinct(distinct, await value('approx_count_distinct', range));
    }
  });

  it('_stats over 4..6 covers only the rows in range', async () => {
    assert.deepEqual(await value('stats', { startkey: 4, endkey: 6 }), { sum: 30, count: 6, min: 4, max: 6, sumsqr: 154 });
  });

  it('group=true&limit=3: _sum gives 2, 4, 6 and _approx_count_distinct ≈ 1 per group', async () => {
    assert.deepEqual(
      (await rows('sum', { group: true, limit: 3 })).map((row) => row.value),
      [2, 4, 6],
    );
    const distinct = await rows('approx_count_distinct', { group: true, limit: 3 });
    assert.equal(distinct.length, 3);
    for (const row of distinct) approxDistinct(1, row.value);
  });

  it('_sum over startkey=i&endkey=500-i is 2 × (Σ1..(500-i) − Σ1..(i-1)) for i = 1, 31, …, 241', async () => {
    for (let i = 1; i <= 250; i += 30) {
      assert.equal(await value('sum', { startkey: i, endkey: 500 - i }), 2 * (summate(500 - i) - summate(i - 1)), `i=${i}`);
    }
  });

  it('_top_3 gives the three largest distinct values, descending: [500, 499, 498]', async () => {
    assert.deepEqual(await value('top_3'), [500, 499, 498]);
  });

  it('_bottom_3 gives the three smallest distinct values, ascending: [1, 2, 3]', async () => {
    assert.deepEqual(await value('bottom_3'), [1, 2, 3]);
  });

  it('_top_3 / _bottom_3 over 4..5 deduplicate the doubled emits: [5, 4] / [4, 5]', async () => {
    assert.deepEqual(await value('top_3', { startkey: 4, endkey: 5 }), [5, 4]);
    assert.deepEqual(await value('bottom_3', { startkey: 4, endkey: 5 }), [4, 5]);
  });

  it('_top_3 with group=true gives one distinct value per key: [1], [2], [3]', async () => {
    assert.deepEqual(
      (await rows('top_3', { group: true, limit: 3 })).map((row) => row.value),
      [[1], [2], [3]],
    );
  });

  it('_first / _last give the value of the first / last row: 1 / 500, and 4 / 6 over 4..6', async () => {
    assert.equal(await value('first'), 1);
    assert.equal(await value('last'), 500);
    assert.equal(await value('first', { startkey: 4, endkey: 6 }), 4);
    assert.equal(await value('last', { startkey: 4, endkey: 6 }), 6);
  });
});

describe('built-in reduce names are matched by prefix: trailing characters are ignored', () => {
  for (const trailing of ['\n', 'orama', '\nare\nawesome', ' ', '     \n  ']) {
    it(`"_sum${JSON.stringify(trailing).slice(1, -1)}", "_count…", "_stats…" work like the plain built-ins`, async () => {
      const db = await fixture.freshDb();
      const views = {
        builtin_sum: { map: MAP, reduce: `_sum${trailing}` },
        builtin_count: { map: MAP, reduce: `_count${trailing}` },
        builtin_stats: { map: MAP, reduce: `_stats${trailing}` },
        builtin_approx_count_distinct: { map: MAP, reduce: `_approx_count_distinct${trailing}` },
      };
      await save(db, [...makeDocs(1, 500), designDoc('trailing', views)]);
      const only = async (view: string) => (await db.view<ViewResponse>(`trailing/${view}`)).rows[0]?.value;
      assert.equal(await only('builtin_sum'), 250500);
      assert.equal(await only('builtin_count'), 1000);
      assert.deepEqual(await only('builtin_stats'), { sum: 250500, count: 1000, min: 1, max: 500, sumsqr: 83583500 });
      approxDistinct(500, await only('builtin_approx_count_distinct'));
    });
  }
});

describe('invalid built-in reduce names are refused when the design document is saved', () => {
  const cases: Array<[string, string]> = [
    ['_random_junk', '`_random_junk` is not a supported reduce function.'],
    ['_top_Foo', 'invalid rank reducer'],
    ['_bottom_Foo', 'invalid rank reducer'],
    ['_top_0', 'rank value must be between 1 and 100'],
    ['_top_101', 'rank value must be between 1 and 100'],
    ['_bottom_0', 'rank value must be between 1 and 100'],
  ];
  for (const [reduce, reason] of cases) {
    it(`reduce "${reduce}" → 400 invalid_design_doc "${reason}"`, async () => {
      const db = await fixture.freshDb();
      await rejectsWith(db.put(designDoc('bad', { v: { map: MAP, reduce } })), { status: 400, error: 'invalid_design_doc', reason });
    });
  }

  it('_top_1 and _top_100 / _bottom_100 are accepted', async () => {
    const db = await fixture.freshDb();
    await db.put(designDoc('ranks', { a: { map: MAP, reduce: '_top_1' }, b: { map: MAP, reduce: '_top_100' }, c: { map: MAP, reduce: '_bottom_100' } }));
  });
});

describe('_sum and _count over array keys with group_level', () => {
  const BATCH = [['a'], ['a'], ['a', 'b'], ['a', 'b'], ['a', 'b', 'c'], ['a', 'b', 'd'], ['a', 'c', 'd'], ['d'], ['d', 'a'], ['d', 'b'], ['d', 'c']];

  it('after each of 5 rounds: exact groups, group_level=1 (["a"]: 70i, ["d"]: 40i), group_level=2, and [1,1] values summed pairwise', async () => {
    const db = await fixture.freshDb();
    await save(db, [
      designDoc('arrays', {
        one_sum: { map: 'function(doc) { emit(doc.keys, 1); }', reduce: '_sum' },
        one_count: { map: 'function(doc) { emit(doc.keys, 1); }', reduce: '_count' },
        ones_array_sum: { map: 'function(doc) { emit(doc.keys, [1, 1]); }', reduce: '_sum' },
      }),
    ]);
    for (let i = 1; i <= 5; i++) {
      for (let j = 0; j < 10; j++) await save(db, BATCH.map((keys) => ({ keys })));
      for (const view of ['one_sum', 'one_count', 'ones_array_sum']) {
        const v = (n: number) => (view === 'ones_array_sum' ? [n, n] : n);
        const query = async (options: Record<string, unknown>) => (await db.view<ViewResponse>(`arrays/${view}`, options)).rows;
        const exact = await query({ group: true });
        assert.deepEqual(exact.slice(0, 4), [
          { key: ['a'], value: v(20 * i) },
          { key: ['a', 'b'], value: v(20 * i) },
          { key: ['a', 'b', 'c'], value: v(10 * i) },
          { key: ['a', 'b', 'd'], value: v(10 * i) },
        ], `${view} group=true, round ${i}`);
        const limited = await query({ group: true, limit: 2 });
        assert.equal(limited.length, 2);
        assert.deepEqual(limited[0], { key: ['a'], value: v(20 * i) });
        assert.deepEqual(await query({ group_level: 1 }), [
          { key: ['a'], value: v(70 * i) },
          { key: ['d'], value: v(40 * i) },
        ], `${view} group_level=1, round ${i}`);
        assert.deepEqual(await query({ group_level: 2 }), [
          { key: ['a'], value: v(20 * i) },
          { key: ['a', 'b'], value: v(40 * i) },
          { key: ['a', 'c'], value: v(10 * i) },
          { key: ['d'], value: v(10 * i) },
          { key: ['d', 'a'], value: v(10 * i) },
          { key: ['d', 'b'], value: v(10 * i) },
          { key: ['d', 'c'], value: v(10 * i) },
        ], `${view} group_level=2, round ${i}`);
      }
    }
  });
});

describe('_sum over arrays of numbers (docs example)', () => {
  it('sums element-wise, padding shorter arrays and treating a number as a 1-element array', async () => {
    const db = await fixture.freshDb();
    await save(db, [
      designDoc('arr', { sum: { map: 'function(doc) { emit(doc.k, doc.v); }', reduce: '_sum' } }),
      { _id: '1', k: 'abc', v: 2 },
      { _id: '2', k: 'abc', v: [3, 5, 7] },
      { _id: '3', k: 'def', v: [0, 0, 0, 42] },
      { _id: '4', k: 'ghi', v: 1 },
      { _id: '5', k: 'ghi', v: 3 },
    ]);
    assert.deepEqual((await db.view<ViewResponse>('arr/sum')).rows, [{ key: null, value: [9, 5, 7, 42] }]);
    assert.deepEqual((await db.view<ViewResponse>('arr/sum', { group: true })).rows, [
      { key: 'abc', value: [5, 5, 7] },
      { key: 'def', value: [0, 0, 0, 42] },
      { key: 'ghi', value: 4 },
    ]);
  });
});

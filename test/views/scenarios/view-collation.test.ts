/**
 * view_collation / view_collation_raw (reference §2.3, §2.4, §8.1): the canonical key
 * lists are the expected ascending orders; docs `{_id: "<1-based index>", foo: value}`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../../engine/index.js';
import { designDoc, keysOf, openSettee, rejectsWith, save, type LibraryFixture, type ViewResponse } from './helpers.js';

const ICU_ORDER: unknown[] = [
  null,
  false,
  true,
  1,
  2,
  3.0,
  4,
  'a',
  'A',
  'aa',
  'b',
  'B',
  'ba',
  'bb',
  ['a'],
  ['b'],
  ['b', 'c'],
  ['b', 'c', 'a'],
  ['b', 'd'],
  ['b', 'd', 'e'],
  { a: 1 },
  { a: 2 },
  { b: 1 },
  { b: 2 },
  { b: 2, a: 1 },
  { b: 2, c: 2 },
];

const RAW_ORDER: unknown[] = [
  1,
  2,
  3,
  4,
  false,
  null,
  true,
  { a: 1 },
  { a: 2 },
  { b: 1 },
  { b: 2 },
  { b: 2, a: 1 },
  { b: 2, c: 2 },
  ['a'],
  ['b'],
  ['b', 'c'],
  ['b', 'c', 'a'],
  ['b', 'd'],
  ['b', 'd', 'e'],
  'A',
  'B',
  'a',
  'aa',
  'b',
  'ba',
  'bb',
];

const MAP = 'function(doc) { emit(doc.foo, null); }';

/** Docs for `values` with 1-based ids, saved in list order (as the Elixir tests do). */
function collationDocs(values: unknown[], firstId = 1) {
  return values.map((foo, i) => ({ _id: String(i + firstId), foo }));
}

let fixture: LibraryFixture;
before(async () => {
  fixture = await openSettee();
});
after(() => fixture.close());

describe('view_collation: default (ICU) collation', () => {
  let db: Database;
  const query = (options: Record<string, unknown> = {}) => db.view<ViewResponse>('test/test', options);

  before(async () => {
    db = await fixture.freshDb();
    await save(db, [designDoc('test', { test: { map: MAP } }), ...collationDocs(ICU_ORDER)]);
  });

  it('ascending query returns the keys in canonical order: null, false, true, numbers, strings (a A aa b B), arrays, objects', async () => {
    assert.deepEqual(keysOf(await query()), ICU_ORDER);
  });

  it('descending=true returns the exact reverse order', async () => {
    assert.deepEqual(keysOf(await query({ descending: true })), [...ICU_ORDER].reverse());
  });

  for (const value of ICU_ORDER) {
    it(`key=${JSON.stringify(value)} matches exactly the one row with that key`, async () => {
      const result = await query({ key: value });
      assert.deepEqual(keysOf(result), [value]);
    });
  }

  it('endkey="b" includes the "b" row (inclusive_end defaults to true), ascending and descending', async () => {
    assert.deepEqual(keysOf(await query({ endkey: 'b' })).at(-1), 'b');
    assert.deepEqual(keysOf(await query({ endkey: 'b', descending: true })).at(-1), 'b');
  });

  it('endkey="b" with inclusive_end=false stops before "b": last row "aa", or "B" when descending', async () => {
    assert.deepEqual(keysOf(await query({ endkey: 'b', inclusive_end: false })).at(-1), 'aa');
    assert.deepEqual(keysOf(await query({ endkey: 'b', descending: true, inclusive_end: false })).at(-1), 'B');
  });

  it('endkey_docid bounds the end key row by doc id with inclusive_end=false', async () => {
    // the "b" row is doc "11"
    assert.deepEqual(keysOf(await query({ endkey: 'b', endkey_docid: '11', inclusive_end: false })).at(-1), 'aa');
    assert.deepEqual(keysOf(await query({ endkey: 'b', endkey_docid: '12', inclusive_end: false })).at(-1), 'b');
  });

  it('a reversed range under ICU order (startkey="Z"&endkey="a") is a query_parse_error', async () => {
    await rejectsWith(query({ startkey: 'Z', endkey: 'a' }), {
      status: 400,
      error: 'query_parse_error',
      reason: 'No rows can match your key range, reverse your start_key and end_key or set descending=true',
    });
  });
});

describe('couch_mrview_collation: ICU-equal keys and deep nesting', () => {
  // the eunit list: "c", "c\u200B", "c\u200B\u200B" after "bb" (all equal under ICU),
  // and a key nested deeper than 10 levels at the end; 0-based ids
  const C_KEYS = ['c', 'c\u200B', 'c\u200B\u200B'];
  const DEEP = { x: [[[[[[[[[[['y']]]]]]]]]]] };
  const EUNIT_ORDER = [...ICU_ORDER.slice(0, 14), ...C_KEYS, ...ICU_ORDER.slice(14), DEEP];
  let db: Database;

  before(async () => {
    db = await fixture.freshDb();
    await save(db, [
      designDoc('test', { test: { map: MAP }, count: { map: MAP, reduce: '_count' } }),
      ...collationDocs(EUNIT_ORDER, 0),
    ]);
  });

  it('ascending order holds with the zero-width-space keys in doc id order and the deep key last', async () => {
    const result = await db.view<ViewResponse>('test/test');
    assert.deepEqual(keysOf(result), EUNIT_ORDER);
  });

  for (const key of C_KEYS) {
    it(`key=${JSON.stringify(key)} matches all three ICU-equal "c" rows, offset at the first of them`, async () => {
      const result = await db.view<ViewResponse>('test/test', { key });
      assert.deepEqual(
        result.rows.map((row) => row.id),
        ['14', '15', '16'],
      );
      assert.equal(result.offset, 14);
    });
  }

  it('the deeply nested key is found by key=', async () => {
    const result = await db.view<ViewResponse>('test/test', { key: DEEP });
    assert.deepEqual(keysOf(result), [DEEP]);
  });

  it('group=true merges ICU-equal keys into one group', async () => {
    const result = await db.view<ViewResponse>('test/count', { group: true });
    assert.equal(result.rows.length, EUNIT_ORDER.length - 2);
    const cGroup = result.rows.find((row) => typeof row.key === 'string' && row.key.startsWith('c'));
    assert.equal(cGroup?.value, 3);
  });
});

describe('view_collation_raw: options.collation = "raw"', () => {
  let db: Database;
  const query = (options: Record<string, unknown> = {}) => db.view<ViewResponse>('test/test', options);

  before(async () => {
    db = await fixture.freshDb();
    await save(db, [designDoc('test', { test: { map: MAP, options: { collation: 'raw' } } }), ...collationDocs(RAW_ORDER)]);
  });

  it('ascending query returns Erlang term order: numbers, false, null, true, objects, arrays, strings by bytes', async () => {
    assert.deepEqual(keysOf(await query()), RAW_ORDER);
  });

  it('descending=true returns the exact reverse order', async () => {
    assert.deepEqual(keysOf(await query({ descending: true })), [...RAW_ORDER].reverse());
  });

  for (const value of RAW_ORDER) {
    it(`key=${JSON.stringify(value)} matches exactly the one row with that key`, async () => {
      assert.deepEqual(keysOf(await query({ key: value })), [value]);
    });
  }

  it('startkey="Z"&endkey="a" is a valid range under raw collation and matches only "a"', async () => {
    assert.deepEqual(keysOf(await query({ startkey: 'Z', endkey: 'a' })), ['a']);
  });

  it('endkey="b" includes the "b" row, ascending and descending', async () => {
    assert.deepEqual(keysOf(await query({ endkey: 'b' })).at(-1), 'b');
    assert.deepEqual(keysOf(await query({ endkey: 'b', descending: true })).at(-1), 'b');
  });

  it('endkey="b" with inclusive_end=false stops before "b": last row "aa", or "ba" when descending', async () => {
    assert.deepEqual(keysOf(await query({ endkey: 'b', inclusive_end: false })).at(-1), 'aa');
    assert.deepEqual(keysOf(await query({ endkey: 'b', descending: true, inclusive_end: false })).at(-1), 'ba');
  });

  it('endkey_docid "10" or "11" with inclusive_end=false keeps the "b" row (doc "24") excluded', async () => {
    assert.deepEqual(keysOf(await query({ endkey: 'b', endkey_docid: '10', inclusive_end: false })).at(-1), 'aa');
    assert.deepEqual(keysOf(await query({ endkey: 'b', endkey_docid: '11', inclusive_end: false })).at(-1), 'aa');
  });
});

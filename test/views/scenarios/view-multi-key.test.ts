/**
 * view_multi_key_design and view_multi_key_all_docs (reference §3.5, §4.4, §8.5, §8.6),
 * over HTTP: `keys` in POST bodies and as a JSON query parameter, combined with other
 * query-string parameters.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertHttpError, designDoc, makeDocs, ok, openServer, qs, save, type HttpFixture, type ViewResponse } from './helpers.js';

let http: HttpFixture;
before(async () => {
  http = await openServer();
});
after(() => http.close());

const KEYS = [10, 15, 30, 37, 50];

describe('view_multi_key_design (docs 0..99)', () => {
  let base: string;
  const post = async (view: string, body: unknown, params: Record<string, unknown> = {}) =>
    http.request('POST', `${base}/_design/test/_view/${view}${qs(params)}`, body);
  const get = async (view: string, params: Record<string, unknown> = {}) => http.request('GET', `${base}/_design/test/_view/${view}${qs(params)}`);

  before(async () => {
    const { name, db } = await http.freshDb();
    base = `/${name}`;
    await save(db, [
      designDoc('test', {
        all_docs: { map: 'function(doc) { emit(doc.integer, doc.string); }' },
        multi_emit: { map: 'function(doc) { for (var i = 0; i < 3; i++) { emit(i, doc.integer); } }' },
        summate: { map: 'function(doc) { emit(doc.integer, doc.integer); }', reduce: 'function(keys, values) { return sum(values); }' },
      }),
      ...makeDocs(0, 99),
    ]);
  });

  it('reduce view, group=true, POST keys: missing keys are omitted and each key reduces to its own value', async () => {
    const body: ViewResponse = ok(await post('summate', { keys: [101, 30, 15, 37, 50] }, { group: true }));
    assert.deepEqual(body.rows, [30, 15, 37, 50].map((k) => ({ key: k, value: k })));
  });

  it('map view, POST keys: rows in the order of the keys, GET keys= alike', async () => {
    for (const response of [await post('all_docs', { keys: KEYS }), await get('all_docs', { keys: KEYS })]) {
      const body: ViewResponse = ok(response);
      assert.deepEqual(
        body.rows.map((row) => [row.key, row.value]),
        KEYS.map((k) => [k, String(k)]),
      );
      assert.equal(body.total_rows, 100);
    }
  });

  it('map view, GET keys=[] answers 200 with no rows', async () => {
    const body: ViewResponse = ok(await get('all_docs', { keys: [] }));
    assert.deepEqual(body.rows, []);
  });

  it('reduce view with keys and group=true, POST or GET: one row per key', async () => {
    for (const response of [await post('summate', { keys: KEYS }, { group: true }), await get('summate', { keys: KEYS, group: true })]) {
      const body: ViewResponse = ok(response);
      assert.deepEqual(body.rows, KEYS.map((k) => ({ key: k, value: k })));
    }
  });

  const conflicting: Array<[Record<string, unknown>, string]> = [
    [{ startkey: 0 }, '`keys` is incompatible with `key`, `start_key` and `end_key`'],
    [{ endkey: 0 }, '`keys` is incompatible with `key`, `start_key` and `end_key`'],
    [{ key: 0 }, '`keys` is incompatible with `key`, `start_key` and `end_key`'],
    [{ group_level: 2 }, 'Invalid use of grouping on a map view.'],
  ];
  for (const [params, reason] of conflicting) {
    it(`POST keys with ?${Object.keys(params)[0]}= on a map view → 400 query_parse_error "${reason}"`, async () => {
      assertHttpError(await post('all_docs', { keys: KEYS }, params), { status: 400, error: 'query_parse_error', reason });
    });
  }

  it('POST keys on a reduce view without group=true → 400 query_parse_error', async () => {
    assertHttpError(await post('summate', { keys: KEYS }), {
      status: 400,
      error: 'query_parse_error',
      reason: 'Multi-key fetches for reduce views must use `group=true`',
    });
  });

  it('keys with group_level on a reduce view is not exact grouping → 400 query_parse_error', async () => {
    assertHttpError(await post('summate', { keys: KEYS }, { group_level: 1 }), {
      status: 400,
      error: 'query_parse_error',
      reason: 'Multi-key fetches for reduce views must use `group=true`',
    });
  });

  it('reduce=false with keys returns the map rows of a reduce view', async () => {
    const body: ViewResponse = ok(await post('summate', { keys: KEYS }, { reduce: false }));
    assert.deepEqual(
      body.rows.map((row) => row.key),
      KEYS,
    );
  });

  it('startkey_docid/endkey_docid bound the rows of every key: keys [0,2] with docids 21..23', async () => {
    const body: ViewResponse = ok(await post('multi_emit', { keys: [0, 2] }, { startkey_docid: '21', endkey_docid: '23' }));
    assert.deepEqual(
      body.rows.map((row) => row.key),
      [0, 0, 0, 2, 2, 2],
    );
    assert.deepEqual(
      body.rows.map((row) => row.value),
      [21, 22, 23, 21, 22, 23],
    );
  });

  it('limit applies to the concatenated rows: limit=1 returns the first key', async () => {
    const body: ViewResponse = ok(await post('all_docs', { keys: KEYS }, { limit: 1 }));
    assert.deepEqual(
      body.rows.map((row) => row.key),
      [10],
    );
  });

  it('skip applies to the concatenated rows: keys [0] with skip=1 → 99 rows', async () => {
    const body: ViewResponse = ok(await post('multi_emit', { keys: [0] }, { skip: 1 }));
    assert.equal(body.rows.length, 99);
  });

  it('keys [1,2]: all key-1 rows by doc id in byte order, then all key-2 rows', async () => {
    const body: ViewResponse = ok(await post('multi_emit', { keys: [1, 2] }));
    const ids = makeDocs(0, 99)
      .map((doc) => doc._id)
      .sort();
    assert.equal(body.rows.length, 200);
    assert.deepEqual(
      body.rows.map((row) => [row.key, row.id]),
      [...ids.map((id) => [1, id]), ...ids.map((id) => [2, id])],
    );
  });

  it('descending=true with keys [1,2] reverses the key list and each key rows: key 2 ids descending, then key 1', async () => {
    const body: ViewResponse = ok(await post('multi_emit', { keys: [1, 2] }, { descending: true }));
    const ids = makeDocs(0, 99)
      .map((doc) => doc._id)
      .sort()
      .reverse();
    assert.deepEqual(
      body.rows.map((row) => [row.key, row.id]),
      [...ids.map((id) => [2, id]), ...ids.map((id) => [1, id])],
    );
  });

  it('keys [2] with descending&skip=3&limit=2 → 2 rows', async () => {
    const body: ViewResponse = ok(await post('multi_emit', { keys: [2] }, { descending: true, skip: 3, limit: 2 }));
    assert.equal(body.rows.length, 2);
    assert.deepEqual(
      body.rows.map((row) => row.id),
      ['96', '95'],
    );
  });

  it('keys [0] with skip=0&limit=1&startkey_docid=13 → the row of doc 13', async () => {
    const body: ViewResponse = ok(await post('multi_emit', { keys: [0] }, { skip: 0, limit: 1, startkey_docid: '13' }));
    assert.deepEqual(
      body.rows.map((row) => row.value),
      [13],
    );
  });

  it('keys [0] with skip=2&limit=3&startkey_docid=13 → 3 rows (docs 15, 16, 17)', async () => {
    const body: ViewResponse = ok(await post('multi_emit', { keys: [0] }, { skip: 2, limit: 3, startkey_docid: '13' }));
    assert.deepEqual(
      body.rows.map((row) => row.value),
      [15, 16, 17],
    );
  });

  it('keys [1] with skip=1&limit=5&startkey_docid=25&endkey_docid=27 → 2 rows, first 26', async () => {
    const body: ViewResponse = ok(await post('multi_emit', { keys: [1] }, { skip: 1, limit: 5, startkey_docid: '25', endkey_docid: '27' }));
    assert.deepEqual(
      body.rows.map((row) => row.value),
      [26, 27],
    );
  });

  it('keys [1] descending with skip=1&limit=5&startkey_docid=28&endkey_docid=26 → 27, 26', async () => {
    const body: ViewResponse = ok(
      await post('multi_emit', { keys: [1] }, { skip: 1, limit: 5, startkey_docid: '28', endkey_docid: '26', descending: true }),
    );
    assert.deepEqual(
      body.rows.map((row) => row.value),
      [27, 26],
    );
  });
});

describe('view_multi_key_all_docs (docs 0..99, no design doc)', () => {
  const IDS = ['10', '15', '30', '37', '50'];
  let base: string;
  /** Runs the request as POST (keys in the body) and as GET (keys in the query string); both must agree. */
  const both = async (keys: unknown[], params: Record<string, unknown> = {}): Promise<ViewResponse> => {
    const posted: ViewResponse = ok(await http.request('POST', `${base}/_all_docs${qs(params)}`, { keys }));
    const got: ViewResponse = ok(await http.request('GET', `${base}/_all_docs${qs({ ...params, keys })}`));
    assert.deepEqual(got, posted, 'GET and POST answer the same');
    return posted;
  };

  before(async () => {
    const { name, db } = await http.freshDb();
    base = `/${name}`;
    await save(db, makeDocs(0, 99));
  });

  it('keys return rows in the order given', async () => {
    const body = await both(IDS);
    assert.deepEqual(
      body.rows.map((row) => row.id),
      IDS,
    );
    assert.deepEqual(
      body.rows.map((row) => row.key),
      IDS,
    );
    assert.equal(body.total_rows, 100);
  });

  it('limit=1 returns the first key', async () => {
    assert.deepEqual(
      (await both(IDS, { limit: 1 })).rows.map((row) => row.id),
      ['10'],
    );
  });

  it('skip=2 returns the last three keys', async () => {
    assert.deepEqual(
      (await both(IDS, { skip: 2 })).rows.map((row) => row.id),
      ['30', '37', '50'],
    );
  });

  it('descending=true reverses the keys', async () => {
    assert.deepEqual(
      (await both(IDS, { descending: true })).rows.map((row) => row.id),
      [...IDS].reverse(),
    );
  });

  it('descending=true&skip=3&limit=1 → "15"', async () => {
    assert.deepEqual(
      (await both(IDS, { descending: true, skip: 3, limit: 1 })).rows.map((row) => row.id),
      ['15'],
    );
  });

  it('missing ids give {key, error: "not_found"} rows without id, in place', async () => {
    const body = await both(['1211', 'i_dont_exist', '0']);
    assert.equal(body.rows.length, 3);
    assert.deepEqual(body.rows[0], { key: '1211', error: 'not_found' });
    assert.deepEqual(body.rows[1], { key: 'i_dont_exist', error: 'not_found' });
    assert.equal(body.rows[2]!.id, '0');
    assert.equal(body.rows[2]!.key, '0');
  });

  it('keys=[] returns no rows', async () => {
    assert.deepEqual((await both([])).rows, []);
  });

  it('a deleted id gives a row with value {rev, deleted: true}', async () => {
    const { name, db } = await http.freshDb();
    const { rev } = await db.put({ _id: 'gone' });
    const removed = await db.remove('gone', rev);
    const body: ViewResponse = ok(await http.request('POST', `/${name}/_all_docs`, { keys: ['gone'] }));
    assert.deepEqual(body.rows, [{ id: 'gone', key: 'gone', value: { rev: removed.rev, deleted: true } }]);
  });

  it('key="a"&startkey="b" is no range error for _all_docs: rows []', async () => {
    const body: ViewResponse = ok(await http.request('GET', `${base}/_all_docs${qs({ key: 'a', startkey: 'b' })}`));
    assert.deepEqual(body.rows, []);
  });

  it('startkey="_design"&endkey="_design0" selects exactly the design documents', async () => {
    const { name, db } = await http.freshDb();
    await save(db, [...makeDocs(0, 9), designDoc('foo', { v: { map: 'function(doc) {}' } }), { _id: 'zzz' }, { _id: 'Zzz' }]);
    const body: ViewResponse = ok(await http.request('GET', `/${name}/_all_docs${qs({ startkey: '_design', endkey: '_design0' })}`));
    assert.deepEqual(
      body.rows.map((row) => row.id),
      ['_design/foo'],
    );
  });
});

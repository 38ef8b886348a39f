/**
 * The view query API over HTTP (reference §3.1, §3.2, §4.3, §6.5, §8.15 view_test,
 * §8.16 chttpd_view_test): GET with JSON query parameters, POST bodies and their
 * precedence, parameter precedence, `/queries`, 405s, and `stale=ok` never building.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertHttpError, designDoc, makeDocs, ok, openServer, qs, save, type HttpFixture, type ViewResponse } from './helpers.js';

const NO_ROWS_CAN_MATCH = 'No rows can match your key range, reverse your start_key and end_key or set descending=true';

let http: HttpFixture;
before(async () => {
  http = await openServer();
});
after(() => http.close());

describe('view_test: GET and POST forms (docs foo, foo2)', () => {
  let url: string;
  before(async () => {
    const { name, db } = await http.freshDb();
    url = `/${name}/_design/map/_view/some`;
    await save(db, [
      { _id: 'foo', bar: 'baz' },
      { _id: 'foo2', bar: 'baz2' },
      designDoc('map', { some: { map: 'function(doc) { emit(doc._id, doc.bar); }' } }),
    ]);
  });

  it('GET returns both rows', async () => {
    assert.equal(ok(await http.request('GET', url)).rows.length, 2);
  });

  it('GET key="foo" returns one row', async () => {
    const body: ViewResponse = ok(await http.request('GET', `${url}${qs({ key: 'foo' })}`));
    assert.deepEqual(body.rows, [{ id: 'foo', key: 'foo', value: 'baz' }]);
  });

  it('GET keys=["foo","foo2"] returns both rows', async () => {
    assert.equal(ok(await http.request('GET', `${url}${qs({ keys: ['foo', 'foo2'] })}`)).rows.length, 2);
  });

  it('POST {} behaves like GET', async () => {
    assert.equal(ok(await http.request('POST', url, {})).rows.length, 2);
  });

  it('POST {keys, limit: 1} returns one row', async () => {
    assert.equal(ok(await http.request('POST', url, { keys: ['foo', 'foo2'], limit: 1 })).rows.length, 1);
  });

  it('?limit=1 applies to body keys', async () => {
    assert.equal(ok(await http.request('POST', `${url}?limit=1`, { keys: ['foo', 'foo2'] })).rows.length, 1);
  });

  it('the query string wins over the body: ?limit=1 with body limit 2 → one row', async () => {
    assert.equal(ok(await http.request('POST', `${url}?limit=1`, { keys: ['foo', 'foo2'], limit: 2 })).rows.length, 1);
  });

  it('body booleans {stable: true, update: true} are accepted', async () => {
    assert.equal(ok(await http.request('POST', url, { stable: true, update: true })).rows.length, 2);
  });

  it('boolean query parameters are case-insensitive (descending=TRUE)', async () => {
    const body: ViewResponse = ok(await http.request('GET', `${url}?descending=TRUE`));
    assert.deepEqual(
      body.rows.map((row) => row.id),
      ['foo2', 'foo'],
    );
  });

  it('other methods on a view → 405', async () => {
    for (const method of ['PUT', 'DELETE']) {
      const response = await http.request(method, url, {});
      assert.equal(response.status, 405, method);
      assert.equal(response.body?.error, 'method_not_allowed');
    }
  });
});

describe('chttpd_view_test: docs a:1, b:2, c:3, d deleted', () => {
  let base: string;
  const map = (params: string) => http.request('GET', `${base}/_design/ddoc/_view/map${params}`);
  const mapReduce = (params: string) => http.request('GET', `${base}/_design/ddoc/_view/map_reduce${params}`);

  before(async () => {
    const { name, db } = await http.freshDb();
    base = `/${name}`;
    await save(db, [
      designDoc('ddoc', {
        map: { map: 'function(doc) { emit(doc._id, doc.value); }' },
        map_reduce: { map: 'function(doc) { emit(doc._id, doc.value); }', reduce: '_sum' },
      }),
      { _id: 'a', value: 1 },
      { _id: 'b', value: 2 },
      { _id: 'c', value: 3 },
    ]);
    const { rev } = await db.put({ _id: 'd', value: 4 });
    await db.remove('d', rev);
  });

  const ids = (body: ViewResponse) => body.rows.map((row) => row.id);

  it('parameters apply in order: key="a"&endkey="b" → a..b', async () => {
    assert.deepEqual(ids(ok(await map('?key="a"&endkey="b"'))), ['a', 'b']);
  });

  it('a later key overrides an earlier endkey: endkey="b"&key="a" → a', async () => {
    assert.deepEqual(ids(ok(await map('?endkey="b"&key="a"'))), ['a']);
  });

  it('a later key overrides an earlier startkey: startkey="b"&key="a" → a', async () => {
    assert.deepEqual(ids(ok(await map('?startkey="b"&key="a"'))), ['a']);
  });

  it('key="a"&startkey="b" is the impossible range b..a → 400', async () => {
    assertHttpError(await map('?key="a"&startkey="b"'), { status: 400, error: 'query_parse_error', reason: NO_ROWS_CAN_MATCH });
  });

  it('a single-element keys is a key: keys=["a"]&startkey="b" → 400 no rows can match', async () => {
    assertHttpError(await map('?keys=["a"]&startkey="b"'), { status: 400, error: 'query_parse_error', reason: NO_ROWS_CAN_MATCH });
  });

  it('keys with two elements and start_key → 400 "`keys` is incompatible with `key`, `start_key` and `end_key`"', async () => {
    assertHttpError(await map('?keys=["a","b"]&start_key="b"'), {
      status: 400,
      error: 'query_parse_error',
      reason: '`keys` is incompatible with `key`, `start_key` and `end_key`',
    });
  });

  it('a key past every row (or of a deleted doc) → total_rows 3, offset 3, rows [], GET and POST alike', async () => {
    for (const key of ['not_exist', 'd']) {
      const expected = { total_rows: 3, offset: 3, rows: [] };
      assert.deepEqual(ok(await map(qs({ key }))), expected, `GET key=${key}`);
      assert.deepEqual(ok(await http.request('POST', `${base}/_design/ddoc/_view/map`, { key })), expected, `POST key=${key}`);
    }
  });

  it('reduce view with key="a" → [{key: null, value: 1}]', async () => {
    assert.deepEqual(ok(await mapReduce('?key="a"')).rows, [{ key: null, value: 1 }]);
  });

  it('reduce view with keys=["a"] behaves like key="a", and with group=true keeps the key', async () => {
    assert.deepEqual(ok(await mapReduce('?keys=["a"]')).rows, [{ key: null, value: 1 }]);
    assert.deepEqual(ok(await mapReduce('?keys=["a"]&group=true')).rows, [{ key: 'a', value: 1 }]);
  });

  it('reduce view with keys=["a","b"] needs group=true', async () => {
    assertHttpError(await mapReduce('?keys=["a","b"]'), {
      status: 400,
      error: 'query_parse_error',
      reason: 'Multi-key fetches for reduce views must use `group=true`',
    });
    assert.deepEqual(ok(await mapReduce('?keys=["a","b"]&group=true')).rows, [
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
    ]);
  });

  it('a POST body may give group as the string "true"', async () => {
    const body = ok(await http.request('POST', `${base}/_design/ddoc/_view/map_reduce`, { keys: ['a', 'b'], group: 'true' }));
    assert.deepEqual(body.rows, [
      { key: 'a', value: 1 },
      { key: 'b', value: 2 },
    ]);
  });

  it('POST /queries answers one result per query, in order', async () => {
    const body = ok(
      await http.request('POST', `${base}/_design/ddoc/_view/map/queries`, { queries: [{ keys: ['a', 'c'] }, { limit: 1, skip: 1 }] }),
    );
    assert.equal(body.results.length, 2);
    assert.deepEqual(
      body.results[0].rows.map((row: { id: string }) => row.id),
      ['a', 'c'],
    );
    assert.deepEqual(body.results[1], { total_rows: 3, offset: 1, rows: [{ id: 'b', key: 'b', value: 2 }] });
  });

  it('POST /queries on a reduce view gives reduce results', async () => {
    const body = ok(
      await http.request('POST', `${base}/_design/ddoc/_view/map_reduce/queries`, { queries: [{}, { group: true }, { reduce: false, limit: 1 }] }),
    );
    assert.deepEqual(body.results[0], { rows: [{ key: null, value: 6 }] });
    assert.deepEqual(body.results[1], {
      rows: [
        { key: 'a', value: 1 },
        { key: 'b', value: 2 },
        { key: 'c', value: 3 },
      ],
    });
    assert.deepEqual(body.results[2].rows, [{ id: 'a', key: 'a', value: 1 }]);
  });

  it('the query string of /queries is the default of every query', async () => {
    const body = ok(await http.request('POST', `${base}/_design/ddoc/_view/map/queries?descending=true`, { queries: [{}, { limit: 1 }] }));
    assert.deepEqual(
      body.results[0].rows.map((row: { id: string }) => row.id),
      ['c', 'b', 'a'],
    );
    assert.deepEqual(
      body.results[1].rows.map((row: { id: string }) => row.id),
      ['c'],
    );
  });

  it('/queries refuses bad bodies, and every query is validated before any runs', async () => {
    const queriesUrl = `${base}/_design/ddoc/_view/map/queries`;
    assertHttpError(await http.request('POST', queriesUrl, {}), { status: 400, error: 'bad_request', reason: 'POST body must include `queries` parameter.' });
    assertHttpError(await http.request('POST', queriesUrl, { queries: 1 }), { status: 400, error: 'bad_request', reason: '`queries` member must be an array.' });
    assertHttpError(await http.request('POST', queriesUrl, { queries: [{}, { group: true }] }), {
      status: 400,
      error: 'query_parse_error',
      reason: 'Invalid use of grouping on a map view.',
    });
  });

  it('GET /queries → 405', async () => {
    const response = await http.request('GET', `${base}/_design/ddoc/_view/map/queries`);
    assert.equal(response.status, 405);
  });

  it('queries sent to the view itself → 400 "The `queries` parameter is no longer supported at this endpoint"', async () => {
    assertHttpError(await http.request('POST', `${base}/_design/ddoc/_view/map`, { queries: [{}] }), {
      status: 400,
      error: 'bad_request',
      reason: 'The `queries` parameter is no longer supported at this endpoint',
    });
  });

  it('missing database / design doc / view → 404 with CouchDB reasons', async () => {
    assertHttpError(await http.request('GET', '/no-such-db/_design/ddoc/_view/map'), { status: 404, error: 'not_found', reason: 'Database does not exist.' });
    assertHttpError(await http.request('GET', `${base}/_design/nope/_view/map`), { status: 404, error: 'not_found', reason: 'missing' });
    assertHttpError(await http.request('GET', `${base}/_design/ddoc/_view/nope`), { status: 404, error: 'not_found', reason: 'missing_named_view' });
  });
});

describe('design_docs: stale=ok never builds the index (§6.5)', () => {
  it('_info signature and file size are unchanged and no rows appear after stale=ok queries', async () => {
    const { name, db } = await http.freshDb();
    await save(db, [
      designDoc('test', { all_docs_twice: { map: 'function(doc) { emit(doc.integer, null); emit(doc.integer, null); }' } }, { autoupdate: false }),
      ...makeDocs(1, 501),
    ]);
    const before = ok(await http.request('GET', `/${name}/_design/test/_info`));
    assert.equal(before.name, 'test');
    assert.equal(typeof before.view_index.signature, 'string');
    for (let round = 0; round < 2; round++) {
      const stale: ViewResponse = ok(await http.request('GET', `/${name}/_design/test/_view/all_docs_twice?stale=ok`));
      assert.equal(stale.total_rows, 0);
    }
    const afterStale = ok(await http.request('GET', `/${name}/_design/test/_info`));
    assert.equal(afterStale.view_index.signature, before.view_index.signature);
    assert.equal(afterStale.view_index.sizes.file, before.view_index.sizes.file);
    assert.equal(afterStale.view_index.compact_running, false);
    assert.equal(afterStale.view_index.update_seq, before.view_index.update_seq);
  });
});

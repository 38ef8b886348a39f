/**
 * view_errors (reference §1.6, §1.7, §1.8, §3.1, §3.4, §8.11) over HTTP: undefined
 * emits, throwing and runaway map functions, query_parse_error cases, malformed POST
 * bodies, reduce overflow, and the removed `_temp_view`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertHttpError, designDoc, ok, openServer, qs, save, type HttpFixture, type ViewResponse } from './helpers.js';

const DOCUMENT = { integer: 1, string: '1', array: [1, 2, 3] };
const NO_ROWS_CAN_MATCH = 'No rows can match your key range, reverse your start_key and end_key or set descending=true';

let http: HttpFixture;
before(async () => {
  // a short map timeout keeps the runaway-function test quick
  http = await openServer({ SETTEE_MAP_TIMEOUT_MS: '500' });
});
after(() => http.close());

/** CouchDB's `query(db, map_fun)`: a one-view design document over one document. */
async function queryMap(map: string): Promise<ViewResponse> {
  const { name, db } = await http.freshDb();
  await save(db, [{ _id: 'the-doc', ...DOCUMENT }, designDoc('temp', { view: { map } })]);
  return ok(await http.request('GET', `/${name}/_design/temp/_view/view`));
}

const TEST_DDOC = designDoc('test', {
  no_reduce: { map: 'function(doc) { emit(doc._id, null); }' },
  with_reduce: { map: 'function(doc) { emit(doc.integer, doc.integer); }', reduce: 'function(keys, values) { return sum(values); }' },
});

describe('view_errors: map function results', () => {
  it('emitting an undefined key gives a row with key null', async () => {
    const result = await queryMap('function(doc) { emit(doc.undef, null); }');
    assert.equal(result.total_rows, 1);
    assert.equal(result.rows[0]!.key, null);
  });

  it('a map function that throws contributes no rows, and the query still succeeds', async () => {
    const result = await queryMap('function(doc) { doc.undef(); }');
    assert.equal(result.total_rows, 0);
    assert.deepEqual(result.rows, []);
  });

  it('undefined inside an emitted array key becomes null', async () => {
    const result = await queryMap('function(doc) { emit([doc._id, doc.undef], null); }');
    assert.equal(result.total_rows, 1);
    assert.deepEqual(result.rows[0]!.key, ['the-doc', null]);
  });

  it('a map function that throws for some documents keeps the rows of the others', async () => {
    const { name, db } = await http.freshDb();
    await save(db, [
      designDoc('temp', { view: { map: 'function(doc) { if (doc.integer === 2) { throw new Error("boom"); } emit(doc.integer, null); }' } }),
      { _id: '1', integer: 1 },
      { _id: '2', integer: 2 },
      { _id: '3', integer: 3 },
    ]);
    const result: ViewResponse = ok(await http.request('GET', `/${name}/_design/temp/_view/view`));
    assert.deepEqual(
      result.rows.map((row) => row.key),
      [1, 3],
    );
  });

  // Settee departs from CouchDB here on purpose (issue 3): a runaway map is stopped after the
  // per-document limit and only that document is skipped, instead of failing every query.
  it('a runaway map function is stopped, its document skipped, and the other documents still map', async () => {
    const { name, db } = await http.freshDb();
    await save(db, [
      { _id: 'runaway', loop: true },
      { _id: 'fine', loop: false },
      designDoc('infinite', { infinite_loop: { map: 'function(doc) { while(doc.loop) {} emit(doc._id, null); }' } }),
    ]);
    const response = await http.request('GET', `/${name}/_design/infinite/_view/infinite_loop`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    assert.deepEqual(response.body.rows.map((row: { id: string }) => row.id), ['fine']);
  });
});

describe('view_errors: invalid parameters and bodies', () => {
  let base: string;
  const get = (view: string, params: Record<string, unknown>) => http.request('GET', `${base}/_design/test/_view/${view}${qs(params)}`);

  before(async () => {
    const { name, db } = await http.freshDb();
    base = `/${name}`;
    await save(db, [{ _id: 'the-doc', ...DOCUMENT }, TEST_DDOC]);
  });

  it('POST _all_docs?startkey=foo (not JSON) → 400 bad_request', async () => {
    const response = await http.request('POST', `${base}/_all_docs?startkey=foo`, { language: 'javascript', map: 'function(doc){emit(doc.integer)}' });
    assertHttpError(response, { status: 400, error: 'bad_request', reason: 'invalid UTF-8 JSON' });
  });

  it('GET view with startkey=foo (not JSON) → 400 bad_request "invalid UTF-8 JSON"', async () => {
    assertHttpError(await http.request('GET', `${base}/_design/test/_view/no_reduce?startkey=foo`), { status: 400, error: 'bad_request', reason: 'invalid UTF-8 JSON' });
  });

  it('POST _all_docs with a non-JSON content type → 415', async () => {
    const response = await http.request('POST', `${base}/_all_docs`, 'keys=x', { 'content-type': 'application/x-www-form-urlencoded' });
    assert.equal(response.status, 415);
  });

  it('POST to a view with a non-JSON content type → 415', async () => {
    const response = await http.request('POST', `${base}/_design/test/_view/no_reduce`, '{}', { 'content-type': 'text/plain' });
    assert.equal(response.status, 415);
  });

  it('group=true on a map view → 400 query_parse_error', async () => {
    assertHttpError(await get('no_reduce', { group: true }), { status: 400, error: 'query_parse_error', reason: 'Invalid use of grouping on a map view.' });
  });

  it('startkey=2&endkey=1 → 400 query_parse_error "No rows can match your key range…"', async () => {
    assertHttpError(await get('no_reduce', { startkey: 2, endkey: 1 }), { status: 400, error: 'query_parse_error', reason: NO_ROWS_CAN_MATCH });
  });

  it('descending with startkey=1&endkey=2 → 400 "… set descending=false"', async () => {
    assertHttpError(await get('no_reduce', { startkey: 1, endkey: 2, descending: true }), {
      status: 400,
      error: 'query_parse_error',
      reason: 'No rows can match your key range, reverse your start_key and end_key or set descending=false',
    });
  });

  it('map-only view: group_level=1 → 400 grouping on a map view', async () => {
    assertHttpError(await get('no_reduce', { group_level: 1 }), { status: 400, error: 'query_parse_error', reason: 'Invalid use of grouping on a map view.' });
  });

  it('map-only view: reduce=true → 400 "Reduce is invalid for map-only views."', async () => {
    assertHttpError(await get('no_reduce', { reduce: true }), { status: 400, error: 'query_parse_error', reason: 'Reduce is invalid for map-only views.' });
  });

  it('map-only view: reduce=false → 200', async () => {
    const body: ViewResponse = ok(await get('no_reduce', { reduce: false }));
    assert.equal(body.total_rows, 1);
  });

  it('reduce view: group=true&reduce=false and group_level=1&reduce=false → 400 grouping on a map view', async () => {
    const reason = 'Invalid use of grouping on a map view.';
    assertHttpError(await get('with_reduce', { group: true, reduce: false }), { status: 400, error: 'query_parse_error', reason });
    assertHttpError(await get('with_reduce', { group_level: 1, reduce: false }), { status: 400, error: 'query_parse_error', reason });
  });

  it('POST body [] → 400 bad_request "Request body must be a JSON object"', async () => {
    assertHttpError(await http.request('POST', `${base}/_design/test/_view/no_reduce`, '[]'), {
      status: 400,
      error: 'bad_request',
      reason: 'Request body must be a JSON object',
    });
  });

  it('POST body {"keys": 1} → 400 bad_request "`keys` member must be an array."', async () => {
    assertHttpError(await http.request('POST', `${base}/_design/test/_view/no_reduce`, { keys: 1 }), {
      status: 400,
      error: 'bad_request',
      reason: '`keys` member must be an array.',
    });
  });
});

describe('view_errors: reduce overflow and temporary views', () => {
  it('a reduce whose output does not shrink answers 200 with a reduce_overflow_error row', async () => {
    const { name, db } = await http.freshDb();
    await save(db, [
      { _id: 'the-doc', ...DOCUMENT },
      designDoc('testbig', {
        reduce_too_big: {
          map: 'function(doc) { emit(doc.integer, doc.integer); }',
          reduce: "function(keys, values) { var chars = []; for (var i = 0; i < 1000; i++) { chars.push('wazzap'); } return chars; }",
        },
      }),
    ]);
    const body: ViewResponse = ok(await http.request('GET', `/${name}/_design/testbig/_view/reduce_too_big`));
    assert.equal(body.rows[0]!.error, 'reduce_overflow_error');
    assert.equal(body.rows[0]!.key, null);
    assert.match(body.rows[0]!.reason!, /^Reduce output must shrink more rapidly: /);
  });

  it('POST _temp_view → 410 gone "Temporary views are not supported in CouchDB"', async () => {
    const { name } = await http.freshDb();
    const response = await http.request('POST', `/${name}/_temp_view`, { language: 'javascript', map: 'function(doc){emit(doc.integer)}' });
    assertHttpError(response, { status: 410, error: 'gone', reason: 'Temporary views are not supported in CouchDB' });
  });
});

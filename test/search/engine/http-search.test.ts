/** `_search`, `_search_info` and errors over HTTP: the reference's §6.1 fixture (search_test.exs). */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../../helpers/server.js';

let server: TestServer;
const path = '/inventory/_design/inventory/_search/fruits';
const INDEX = `function(doc) {
  if (doc.item) index("item", doc.item, {facet: true});
  if (doc.place) index("place", doc.place, {facet: true});
  if (doc.state) index("state", doc.state, {facet: true});
  if (doc.price) index("price", doc.price, {facet: true});
}`;

before(async () => {
  server = await startTestServer();
  await server.request('PUT', '/inventory');
  const docs = [
    { item: 'apple', place: 'kitchen', state: 'new', price: 0.99 },
    { item: 'banana', place: 'kitchen', state: 'new', price: 1.49 },
    { item: 'carrot', place: 'kitchen', state: 'old', price: 0.75 },
    { item: 'date', place: 'lobby', state: 'unknown', price: 1.25 },
  ];
  assert.equal((await server.request('POST', '/inventory/_bulk_docs', { docs })).status, 201);
  const ddoc = { indexes: { fruits: { analyzer: { name: 'standard' }, index: INDEX } } };
  assert.equal((await server.request('PUT', '/inventory/_design/inventory', ddoc)).status, 201);
});
after(() => server.close());

const get = (query: string) => server.request('GET', `${path}?${query}`);
const post = (body: unknown) => server.request('POST', path, body);
const items = (body: { rows: Array<{ doc?: { item: string } }> }) => body.rows.map((row) => row.doc?.item).sort();

test('all items, GET and POST, with include_docs', async () => {
  const viaGet = await get('q=*:*&include_docs=true');
  assert.equal(viaGet.status, 200);
  assert.deepEqual(items(viaGet.body), ['apple', 'banana', 'carrot', 'date']);
  assert.deepEqual(Object.keys(viaGet.body), ['total_rows', 'bookmark', 'rows']);
  assert.deepEqual(Object.keys(viaGet.body.rows[0]), ['id', 'order', 'fields', 'doc']);
  const viaPost = await post({ q: '*:*', include_docs: true });
  assert.deepEqual(items(viaPost.body), ['apple', 'banana', 'carrot', 'date']);
});

test('drilldown over GET: single, several values, list of lists, repeated parameters', async () => {
  const q = (drilldown: string) => get(`q=*:*&include_docs=true&${drilldown}`).then((response) => items(response.body));
  assert.deepEqual(await q(`drilldown=${encodeURIComponent('["place","kitchen"]')}`), ['apple', 'banana', 'carrot']);
  assert.deepEqual(await q(`drilldown=${encodeURIComponent('["state","new","unknown"]')}`), ['apple', 'banana', 'date']);
  assert.deepEqual(await q(`drilldown=${encodeURIComponent('[["state","old"],["item","apple"]]')}`), []);
  assert.deepEqual(await q(`drilldown=${encodeURIComponent('["state","old"]')}&drilldown=${encodeURIComponent('["item","apple"]')}`), []);
});

test('drilldown over POST, with a duplicate JSON key (the last wins)', async () => {
  assert.deepEqual(items((await post({ query: '*:*', include_docs: true, drilldown: [['place', 'kitchen'], ['state', 'new'], ['item', 'apple']] })).body), ['apple']);
  assert.deepEqual(items((await post({ q: '*:*', include_docs: true, drilldown: [['state', 'old', 'new'], ['item', 'apple']] })).body), ['apple']);
  const raw = '{"q":"*:*","include_docs":true,"drilldown":["state","old"],"drilldown":["item","apple"]}';
  assert.deepEqual(items((await post(raw)).body), ['apple']);
});

test('counts, ranges and groups', async () => {
  assert.deepEqual((await get(`q=*:*&limit=0&counts=${encodeURIComponent('["place"]')}`)).body.counts, { place: { kitchen: 3, lobby: 1 } });
  assert.deepEqual((await get(`q=item:tomato&limit=0&counts=${encodeURIComponent('["place"]')}`)).body.counts, { place: {} });
  const ranges = encodeURIComponent(JSON.stringify({ price: { cheap: '[0 TO 0.99]', expensive: '[1.00 TO Infinity]' } }));
  assert.deepEqual((await get(`q=*:*&limit=0&ranges=${ranges}`)).body.ranges, { price: { cheap: 2, expensive: 2 } });
  assert.deepEqual((await get(`q=*:*&limit=0&ranges=${encodeURIComponent('{"price":{}}')}`)).body.ranges, { price: {} });
  const grouped = await get('q=*:*&group_field=state');
  assert.equal(grouped.body.groups.length, 3);
  const byState = Object.fromEntries(grouped.body.groups.map((group: { by: string; total_rows: number }) => [group.by, group.total_rows]));
  assert.deepEqual(byState, { new: 2, old: 1, unknown: 1 });
});

test('_search_info reports the index', async () => {
  await get('q=*:*');
  const info = await server.request('GET', '/inventory/_design/inventory/_search_info/fruits');
  assert.equal(info.status, 200);
  assert.equal(info.body.name, '_design/inventory/fruits');
  assert.equal(info.body.search_index.doc_count, 4);
  assert.ok(info.body.search_index.disk_size > 0);
  assert.equal(info.body.search_index.committed_seq, info.body.search_index.pending_seq);
});

test('_search_disk_size, and _search_cleanup tolerates a design document whose indexes are a list', async () => {
  const size = await server.request('GET', '/inventory/_design/inventory/_search_disk_size/fruits');
  assert.equal(size.body.name, '_design/inventory/fruits');
  assert.ok(size.body.search_index.disk_size > 0);
  assert.equal((await server.request('PUT', '/inventory/_design/odd', { indexes: ['not', 'an', 'object'] })).status, 201);
  const cleanup = await server.request('POST', '/inventory/_search_cleanup');
  assert.equal(cleanup.status, 202);
  assert.deepEqual(cleanup.body, { ok: true });
  assert.equal((await get('q=*:*')).body.total_rows, 4);
});

test('errors: missing index, missing query, bad limit, bad sort, bad bookmark, bad JSON, method', async () => {
  const missing = await server.request('GET', '/inventory/_design/inventory/_search/nope?q=*:*');
  assert.equal(missing.status, 404);
  assert.deepEqual(missing.body, { error: 'not_found', reason: 'nope not found.' });
  assert.equal((await get('limit=3')).body.error, 'query_parse_error');
  assert.deepEqual((await get('q=*:*&limit=201')).body, { error: 'bad_request', reason: 'Value for limit is too large, must not exceed 200' });
  assert.equal((await get('q=*:*&sort=%22x%3Cfoo%3E%22')).body.reason, 'Unrecognized type: foo');
  assert.equal((await get('q=*:*&bookmark=!!')).body.reason, 'Invalid bookmark parameter supplied');
  assert.equal((await get('q=*:*&counts=[')).body.reason, 'invalid UTF-8 JSON');
  assert.equal((await get('q=*foo')).status, 400);
  assert.equal((await server.request('PUT', path, {})).status, 405);
});

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('the CouchDB-compatible HTTP server', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ SETTEE_MAX_DOC_BYTES: '2000' });
  });
  after(() => server.close());

  test('GET / answers the CouchDB welcome with the settee vendor', async () => {
    const { status, body } = await server.request('GET', '/');
    assert.equal(status, 200);
    assert.equal(body.couchdb, 'Welcome');
    assert.equal(body.vendor.name, 'settee');
    assert.deepEqual((await server.request('GET', '/_up')).body, { status: 'ok' });
  });

  test('database lifecycle: 201 on create, 412 file_exists, 400 illegal_database_name, 404 after delete', async () => {
    assert.equal((await server.request('PUT', '/life')).status, 201);
    const again = await server.request('PUT', '/life');
    assert.equal(again.status, 412);
    assert.equal(again.body.error, 'file_exists');
    const illegal = await server.request('PUT', '/Bad-Name');
    assert.equal(illegal.status, 400);
    assert.equal(illegal.body.error, 'illegal_database_name');
    assert.ok((await server.request('GET', '/_all_dbs')).body.includes('life'));
    const info = await server.request('GET', '/life');
    assert.deepEqual([info.body.doc_count, info.body.doc_del_count, info.body.update_seq], [0, 0, 0]);
    assert.equal(typeof info.body.sizes.file, 'number');
    assert.equal((await server.request('DELETE', '/life')).status, 200);
    const gone = await server.request('GET', '/life');
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.body, { error: 'not_found', reason: 'Database does not exist.' });
  });

  test('document CRUD with revision conflicts and tombstones', async () => {
    await server.request('PUT', '/docs');
    const created = await server.request('PUT', '/docs/a', { n: 1 });
    assert.equal(created.status, 201);
    const conflict = await server.request('PUT', '/docs/a', { n: 2 });
    assert.equal(conflict.status, 409);
    assert.deepEqual(conflict.body, { error: 'conflict', reason: 'Document update conflict.' });
    const updated = await server.request('PUT', '/docs/a', { _rev: created.body.rev, n: 2 });
    assert.equal(updated.status, 201);
    const stale = await server.request('DELETE', `/docs/a?rev=${created.body.rev}`);
    assert.equal(stale.status, 409);
    assert.equal((await server.request('DELETE', `/docs/a?rev=${updated.body.rev}`)).status, 200);
    const deleted = await server.request('GET', '/docs/a');
    assert.deepEqual([deleted.status, deleted.body], [404, { error: 'not_found', reason: 'deleted' }]);
    const posted = await server.request('POST', '/docs', { x: 1 });
    assert.equal(posted.status, 201);
    assert.match(posted.body.id, /^[0-9a-f]{32}$/);
  });

  test('design documents are addressed by /db/_design/name', async () => {
    await server.request('PUT', '/ddocs');
    const put = await server.request('PUT', '/ddocs/_design/app', { language: 'javascript', views: {} });
    assert.equal(put.status, 201);
    assert.equal(put.body.id, '_design/app');
    assert.equal((await server.request('GET', '/ddocs/_design/app')).body._id, '_design/app');
  });

  test('errors have CouchDB shapes and statuses', async () => {
    await server.request('PUT', '/errs');
    const missing = await server.request('GET', '/errs/nope');
    assert.deepEqual([missing.status, missing.body], [404, { error: 'not_found', reason: 'missing' }]);
    const malformed = await server.request('PUT', '/errs/x', '{not json');
    assert.deepEqual([malformed.status, malformed.body.error], [400, 'bad_request']);
    const wrongMethod = await server.request('PATCH', '/errs');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.body.error, 'method_not_allowed');
    const tooLarge = await server.request('PUT', '/errs/big', { blob: 'x'.repeat(5000) });
    assert.equal(tooLarge.status, 413);
    const badParam = await server.request('GET', '/errs/_all_docs?limit=abc');
    assert.deepEqual([badParam.status, badParam.body.error], [400, 'query_parse_error']);
    const negative = await server.request('GET', '/errs/_changes?limit=-1');
    assert.equal(negative.status, 400);
    const underscore = await server.request('PUT', '/errs/_bad', {});
    assert.deepEqual([underscore.status, underscore.body.error], [400, 'bad_request']);
    const noDb = await server.request('GET', '/nodb/x');
    assert.equal(noDb.status, 404);
  });

  test('_bulk_docs and _all_docs with keys', async () => {
    await server.request('PUT', '/bulk');
    const bulk = await server.request('POST', '/bulk/_bulk_docs', { docs: [{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }] });
    assert.equal(bulk.status, 201);
    assert.equal(bulk.body.length, 3);
    const all = await server.request('GET', '/bulk/_all_docs?startkey="b"&include_docs=true');
    assert.deepEqual(all.body.rows.map((row: { id: string }) => row.id), ['b', 'c']);
    assert.equal(all.body.offset, 1);
    const keyed = await server.request('POST', '/bulk/_all_docs', { keys: ['c', 'zz'] });
    assert.deepEqual(keyed.body.rows[1], { key: 'zz', error: 'not_found' });
  });

  test('_changes: normal, _doc_ids and _design filters, _local docs absent', async () => {
    await server.request('PUT', '/feed');
    await server.request('PUT', '/feed/a', {});
    await server.request('PUT', '/feed/_local/cp', { seq: 1 });
    await server.request('PUT', '/feed/_design/d', { views: {} });
    await server.request('PUT', '/feed/b', {});
    const all = await server.request('GET', '/feed/_changes');
    assert.deepEqual(all.body.results.map((row: { id: string }) => row.id), ['a', '_design/d', 'b']);
    assert.equal(all.body.last_seq, 3);
    const design = await server.request('GET', '/feed/_changes?filter=_design');
    assert.deepEqual(design.body.results.map((row: { id: string }) => row.id), ['_design/d']);
    const ids = await server.request('POST', '/feed/_changes?filter=_doc_ids', { doc_ids: ['b'] });
    assert.deepEqual(ids.body.results.map((row: { id: string }) => row.id), ['b']);
  });

  test('a longpoll feed wakes on a write', async () => {
    await server.request('PUT', '/poll');
    const waiting = server.request('GET', '/poll/_changes?feed=longpoll&since=now&timeout=10000');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await server.request('PUT', '/poll/wake', {});
    const { body } = await waiting;
    assert.deepEqual(body.results.map((row: { id: string }) => row.id), ['wake']);
    assert.ok(Date.now() - started < 5000);
  });

  test('a continuous feed streams changes and heartbeats until its timeout', async () => {
    await server.request('PUT', '/cont');
    await server.request('PUT', '/cont/first', {});
    const streaming = fetch(`${server.url}/cont/_changes?feed=continuous&heartbeat=50&timeout=400`).then((r) => r.text());
    await new Promise((resolve) => setTimeout(resolve, 150));
    await server.request('PUT', '/cont/second', {});
    const text = await streaming;
    const lines = text.split('\n');
    const changes = lines.filter((line) => line.startsWith('{"seq"')).map((line) => JSON.parse(line).id);
    assert.deepEqual(changes, ['first', 'second']);
    assert.ok(lines.filter((line) => line === '').length >= 2, 'heartbeat newlines are sent');
    assert.match(text, /\{"last_seq":2\}\n$/);
  });
});

describe('admin credentials', () => {
  let server: TestServer;
  const auth = { authorization: `Basic ${Buffer.from('boss:secret').toString('base64')}` };
  before(async () => {
    server = await startTestServer({ SETTEE_ADMIN: 'boss:secret' });
  });
  after(() => server.close());

  test('creating and deleting databases needs the admin', async () => {
    const anonymous = await server.request('PUT', '/guarded');
    assert.deepEqual([anonymous.status, anonymous.body.error], [401, 'unauthorized']);
    const wrong = await server.request('PUT', '/guarded', undefined, {
      authorization: `Basic ${Buffer.from('boss:nope').toString('base64')}`,
    });
    assert.equal(wrong.status, 401);
    assert.equal((await server.request('PUT', '/guarded', undefined, auth)).status, 201);
    assert.equal((await server.request('DELETE', '/guarded')).status, 401);
  });

  test('design documents need the admin, normal documents do not', async () => {
    await server.request('PUT', '/code', undefined, auth);
    assert.equal((await server.request('PUT', '/code/plain', {})).status, 201);
    assert.equal((await server.request('PUT', '/code/_design/x', { views: {} })).status, 401);
    const bulk = await server.request('POST', '/code/_bulk_docs', { docs: [{ _id: '_design/y' }] });
    assert.equal(bulk.status, 401);
    assert.equal((await server.request('PUT', '/code/_design/x', { views: {} }, auth)).status, 201);
  });
});

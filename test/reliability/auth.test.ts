/**
 * Admin-only operations (issue 7), against `settee serve` with `SETTEE_ADMIN=user:pass`:
 * every write to a design document (PUT, DELETE, POST /db, _bulk_docs, and the
 * `%2F`-encoded spelling of the id), database creation and deletion, `_compact/{ddoc}` and
 * `_view_cleanup` are refused without credentials and with wrong ones (401), and work with
 * the right ones; client writes into a `dbcopy` target are refused (403 `forbidden`); and
 * the password appears in no log line and no response body.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnServer, type ServerProcess } from '../helpers/process.js';
import { makeTempDir } from '../helpers/temp-dir.js';

const USER = 'admin';
/** A colon and non-ASCII characters, to exercise the parsing of both sides. */
const PASSWORD = 'S3cr:t-pässwörd-7Q';
const GOOD = basic(USER, PASSWORD);
const WRONG: Array<[string, Record<string, string>]> = [
  ['no credentials', {}],
  ['a wrong password', { authorization: basic(USER, 'wrong') }],
  ['the password with one character less', { authorization: basic(USER, PASSWORD.slice(0, -1)) }],
  ['the password with one character more', { authorization: basic(USER, `${PASSWORD}x`) }],
  ['a wrong user', { authorization: basic('root', PASSWORD) }],
  ['user and password swapped', { authorization: basic(PASSWORD, USER) }],
  ['no colon', { authorization: `Basic ${Buffer.from(USER + PASSWORD).toString('base64')}` }],
  ['an empty Basic header', { authorization: 'Basic ' }],
  ['garbage base64', { authorization: 'Basic !!!not-base64!!!' }],
  ['a Bearer token', { authorization: `Bearer ${PASSWORD}` }],
  ['the password in a cookie', { cookie: `AuthSession=${PASSWORD}` }],
];

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

let server: ServerProcess;
let cleanup: () => Promise<void>;
/** Every response body the tests received, searched for the password at the end. */
const bodies: string[] = [];

async function request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  bodies.push(text);
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

const admin = (method: string, path: string, body?: unknown) => request(method, path, body, { authorization: GOOD });

before(async () => {
  const temp = await makeTempDir();
  cleanup = temp.cleanup;
  server = await spawnServer(temp.dir, { SETTEE_ADMIN: `${USER}:${PASSWORD}`, SETTEE_LOG_LEVEL: 'trace' });
  assert.equal((await admin('PUT', '/db')).status, 201);
  assert.equal((await admin('PUT', '/db/_design/existing', { views: { v: { map: 'function (doc) { emit(doc.k, 1); }', reduce: '_count' } } })).status, 201);
  assert.equal((await request('PUT', '/db/plain', { k: 1 })).status, 201, 'ordinary document writes need no credentials');
});

after(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  await cleanup();
});

function ddoc(extra: Record<string, unknown> = {}) {
  return { views: { v: { map: 'function (doc) { emit(doc._id, 1); }' } }, ...extra };
}

async function revOf(path: string): Promise<string> {
  const answer = await admin('GET', path);
  assert.equal(answer.status, 200, `${path}: ${JSON.stringify(answer.body)}`);
  return answer.body._rev;
}

/** An admin operation: each wrong credential gets 401 unauthorized and changes nothing; the right one succeeds. */
async function adminOnly(name: string, attempt: (headers: Record<string, string>) => Promise<{ status: number; body: any }>, succeeded: (answer: { status: number; body: any }) => boolean, unchanged?: () => Promise<void>) {
  for (const [label, headers] of WRONG) {
    const answer = await attempt(headers);
    assert.equal(answer.status, 401, `${name} with ${label}: ${answer.status} ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body?.error, 'unauthorized', `${name} with ${label}: ${JSON.stringify(answer.body)}`);
    assert.equal(typeof answer.body?.reason, 'string');
    await unchanged?.();
  }
  const answer = await attempt({ authorization: GOOD });
  assert.ok(succeeded(answer), `${name} with the admin credentials: ${answer.status} ${JSON.stringify(answer.body)}`);
}

test('design documents: PUT, DELETE, POST /db, _bulk_docs, and the %2F spelling need admin credentials', async () => {
  const missing = (id: string) => async () => assert.equal((await admin('GET', `/db/${id}`)).status, 404, `${id} must not exist`);
  await adminOnly('PUT /db/_design/a', (h) => request('PUT', '/db/_design/a', ddoc(), h), (a) => a.status === 201, missing('_design/a'));
  await adminOnly('PUT /db/_design%2Fb', (h) => request('PUT', '/db/_design%2Fb', ddoc(), h), (a) => a.status === 201, missing('_design/b'));
  await adminOnly('POST /db with a _design/ id', (h) => request('POST', '/db', { _id: '_design/c', ...ddoc() }, h), (a) => a.status === 201, missing('_design/c'));
  await adminOnly(
    '_bulk_docs with a _design/ document among others',
    (h) => request('POST', '/db/_bulk_docs', { docs: [{ _id: 'fine-doc-' + Object.keys(h).length + Math.random() }, { _id: '_design/d', ...ddoc() }] }, h),
    (a) => a.status === 201 && a.body.every((r: { ok?: boolean }) => r.ok),
    missing('_design/d'),
  );

  // updates and deletes of an existing design document
  let rev = await revOf('/db/_design/a');
  const unchangedA = async () => assert.equal(await revOf('/db/_design/a'), rev, '_design/a must be unchanged');
  await adminOnly('PUT /db/_design/a (update)', (h) => request('PUT', `/db/_design/a?rev=${rev}`, ddoc({ changed: true }), h), (a) => a.status === 201, unchangedA);
  rev = await revOf('/db/_design/a');
  await adminOnly('_bulk_docs updating _design/a', (h) => request('POST', '/db/_bulk_docs', { docs: [{ _id: '_design/a', _rev: rev, ...ddoc({ n: 2 }) }] }, h), (a) => a.status === 201 && a.body[0].ok === true, unchangedA);
  rev = await revOf('/db/_design/a');
  await adminOnly('_bulk_docs deleting _design/a', (h) => request('POST', '/db/_bulk_docs', { docs: [{ _id: '_design/a', _rev: rev, _deleted: true }] }, h), (a) => a.status === 201 && a.body[0].ok === true, unchangedA);
  const bRev = await revOf('/db/_design/b');
  const unchangedB = async () => assert.equal(await revOf('/db/_design/b'), bRev, '_design/b must be unchanged');
  await adminOnly('DELETE /db/_design%2Fb', (h) => request('DELETE', `/db/_design%2Fb?rev=${bRev}`, undefined, h), (a) => a.status === 200, unchangedB);
  const cRev = await revOf('/db/_design/c');
  const unchangedC = async () => assert.equal(await revOf('/db/_design/c'), cRev, '_design/c must be unchanged');
  await adminOnly('DELETE /db/_design/c with If-Match', (h) => request('DELETE', '/db/_design/c', undefined, { ...h, 'if-match': `"${cRev}"` }), (a) => a.status === 200, unchangedC);

  // a write of a design document under any other spelling is not a way around the rule
  for (const path of ['/db/%5Fdesign/e', '/db/%5Fdesign%2Fe', '/db/_design/e/', '/db/_design//e']) {
    const answer = await request('PUT', path, ddoc());
    assert.ok(answer.status >= 400, `PUT ${path} without credentials: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  const designs = await admin('GET', '/db/_all_docs?startkey="_design/"&endkey="_design0"');
  assert.deepEqual(designs.body.rows.map((row: { id: string }) => row.id).sort(), ['_design/d', '_design/existing']);
});

test('database creation and deletion need admin credentials', async () => {
  const absent = async () => assert.equal((await admin('GET', '/newdb')).status, 404);
  await adminOnly('PUT /newdb', (h) => request('PUT', '/newdb', undefined, h), (a) => a.status === 201, absent);
  const present = async () => assert.equal((await admin('GET', '/newdb')).status, 200);
  await adminOnly('DELETE /newdb', (h) => request('DELETE', '/newdb', undefined, h), (a) => a.status === 200, present);
  // also for names that do not exist or are invalid: the credentials come first
  assert.equal((await request('DELETE', '/nosuchdb')).status, 401);
  assert.equal((await request('PUT', '/db')).status, 401, 'an existing name: 401, not 412');
});

test('_compact/{ddoc} and _view_cleanup need admin credentials', async () => {
  assert.equal((await request('GET', '/db/_design/existing/_view/v')).status, 200, 'reading views needs no credentials');
  await adminOnly('POST /db/_compact/existing', (h) => request('POST', '/db/_compact/existing', undefined, h), (a) => a.status === 202);
  await adminOnly('POST /db/_view_cleanup', (h) => request('POST', '/db/_view_cleanup', undefined, h), (a) => a.status === 202);
});

test('clients cannot write into a dbcopy target (403 forbidden), by any route', async () => {
  assert.equal((await admin('PUT', '/src')).status, 201);
  assert.equal((await admin('PUT', '/src/_design/copy', { views: { v: { map: 'function (doc) { emit(doc.g, doc.n); }', reduce: '_sum', dbcopy: 'target' } } })).status, 201);
  assert.equal((await request('POST', '/src/_bulk_docs', { docs: [{ _id: 'a', g: 'x', n: 1 }, { _id: 'b', g: 'y', n: 2 }] })).status, 201);
  assert.deepEqual((await request('GET', '/src/_design/copy/_view/v?group=true')).body.rows, [{ key: 'x', value: 1 }, { key: 'y', value: 2 }]);
  const copies = async () => (await request('GET', '/target/_all_docs?include_docs=true')).body.rows.map((row: { doc: { key: unknown; value: unknown } }) => [row.doc.key, row.doc.value]);
  const before = await copies();
  assert.deepEqual([...before].sort(), [['x', 1], ['y', 2]]);
  const existing = (await request('GET', '/target/_all_docs')).body.rows[0] as { id: string; value: { rev: string } };

  const attempts: Array<[string, () => Promise<{ status: number; body: any }>]> = [
    ['PUT a new document', () => request('PUT', '/target/intruder', { key: 'z', value: 99 })],
    ['PUT over a copy', () => request('PUT', `/target/${existing.id}?rev=${existing.value.rev}`, { key: 'x', value: 1000 })],
    ['DELETE a copy', () => request('DELETE', `/target/${existing.id}?rev=${existing.value.rev}`)],
    ['POST a document', () => request('POST', '/target', { key: 'z', value: 99 })],
    ['PUT a new document as admin', () => admin('PUT', '/target/intruder', { key: 'z', value: 99 })],
  ];
  for (const [label, attempt] of attempts) {
    const answer = await attempt();
    assert.equal(answer.status, 403, `${label}: ${answer.status} ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.error, 'forbidden');
  }
  const bulk = await request('POST', '/target/_bulk_docs', { docs: [{ _id: 'bulk-intruder', key: 'z', value: 1 }, { _id: existing.id, _rev: existing.value.rev, _deleted: true }] });
  assert.ok(
    bulk.status === 403 || (bulk.status === 201 && bulk.body.every((result: { error?: string }) => result.error === 'forbidden')),
    `_bulk_docs into the target: ${bulk.status} ${JSON.stringify(bulk.body)}`,
  );
  assert.deepEqual(await copies(), before, 'the target is unchanged');

  // The marker that makes the database a target is a _local document. Removing or
  // rewriting it must not be a way around the guard.
  const marker = await request('GET', '/target/_local/settee-dbcopy');
  assert.equal(marker.status, 200, JSON.stringify(marker.body));
  const removed = await request('DELETE', `/target/_local/settee-dbcopy?rev=${marker.body._rev}`);
  const overwritten = await request('PUT', '/target/_local/settee-dbcopy', { _rev: marker.body._rev, source: 'nothing' });
  const afterwards = await request('PUT', '/target/intruder-after-marker', { key: 'z', value: 99 });
  assert.ok(
    removed.status === 403 || overwritten.status === 403 || afterwards.status === 403,
    `a client removed the dbcopy marker (DELETE → ${removed.status}, PUT → ${overwritten.status}) and then wrote into the target (→ ${afterwards.status} ${JSON.stringify(afterwards.body)})`,
  );
  assert.equal(afterwards.status, 403, `a client write into the target after touching the marker: ${afterwards.status} ${JSON.stringify(afterwards.body)}`);
  assert.deepEqual(await copies(), before, 'the target is unchanged');
});

test('the password appears in no log line and no response body', async () => {
  // a few more requests that log: failures, 404s, a 500-prone path
  await request('GET', '/db/_design/nope/_view/v', undefined, { authorization: basic(USER, 'wrong') });
  await request('PUT', '/db/_design/x', { views: { v: { map: 'function (' } } }, { authorization: GOOD });
  await request('PUT', '/db/_design/x', ddoc(), { authorization: basic(USER, `${PASSWORD}x`) });
  const secrets = [PASSWORD, Buffer.from(`${USER}:${PASSWORD}`).toString('base64'), GOOD, encodeURIComponent(PASSWORD)];
  const logs = server.logs.join('\n');
  assert.ok(server.logs.length > 20, 'the server logged (trace level)');
  for (const secret of secrets) {
    assert.ok(!logs.includes(secret), `the log contains ${JSON.stringify(secret)}`);
    const leaking = bodies.find((body) => body.includes(secret));
    assert.equal(leaking, undefined, `a response body contains ${JSON.stringify(secret)}`);
  }
});

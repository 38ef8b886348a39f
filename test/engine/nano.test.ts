import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Nano from 'nano';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('the nano client creates, inserts, updates, deletes and reads _changes', async () => {
  const nano = Nano(server.url);
  await nano.db.create('clients');
  const db = nano.use<{ name: string }>('clients');
  const inserted = await db.insert({ name: 'first' }, 'doc1');
  assert.equal(inserted.ok, true);
  const updated = await db.insert({ _id: 'doc1', _rev: inserted.rev, name: 'second' });
  assert.match(updated.rev, /^2-/);
  await assert.rejects(db.insert({ _id: 'doc1', _rev: inserted.rev, name: 'stale' }), (err: { statusCode?: number; error?: string }) =>
    err.statusCode === 409 && err.error === 'conflict',
  );
  assert.equal((await db.get('doc1')).name, 'second');
  await db.destroy('doc1', updated.rev);
  const changes = await db.changes();
  assert.equal(changes.results.length, 1);
  assert.equal(changes.results[0]?.deleted, true);
  assert.ok((await nano.db.list()).includes('clients'));
});

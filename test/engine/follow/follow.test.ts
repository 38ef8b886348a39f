import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { Settee, SetteeError } from '../../../engine/index.js';
import { spawnServer } from '../../helpers/process.js';
import { startTestServer } from '../../helpers/server.js';
import { withTempDir } from '../../helpers/temp-dir.js';

/** The remote is a real CouchDB-compatible server: a Settee server on 127.0.0.1. */
async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const DDOC = { _id: '_design/shop', views: { by_type: { map: 'function(doc){ emit(doc.type, doc.price) }', reduce: '_sum' } } };

test('a mirror catches up, follows live updates and deletes, answers views like the remote, and resumes after restart', async () => {
  const remote = await startTestServer();
  try {
    await remote.request('PUT', '/shop');
    const docs = Array.from({ length: 3000 }, (_, i) => ({ _id: `p${i}`, type: `t${i % 7}`, price: i % 13 }));
    await remote.request('POST', '/shop/_bulk_docs', { docs: [...docs, DDOC] });

    await withTempDir(async (dir) => {
      let settee = await Settee.open({ dir, workers: 2 });
      let follower = await settee.follow(`${remote.url}/shop`, { into: 'mirror' });
      let mirror = await settee.database('mirror');
      await until(() => mirror.info().doc_count === 3001);
      assert.equal(follower.received, 3001);

      const remoteView = (await remote.request('GET', '/shop/_design/shop/_view/by_type?group=true')).body;
      assert.deepEqual(await mirror.view('shop/by_type', { group: true }), remoteView);

      const started = Date.now();
      const { body: p1 } = await remote.request('GET', '/shop/p1');
      await remote.request('DELETE', `/shop/p1?rev=${p1._rev}`);
      await remote.request('PUT', '/shop/fresh', { type: 't0', price: 100 });
      await until(() => mirror.info().doc_count === 3001 && mirror.currentRev('fresh') !== undefined);
      assert.ok(Date.now() - started < 1000, 'live changes arrive within a second');
      assert.throws(() => mirror.get('p1'), (err) => err instanceof SetteeError && err.reason === 'deleted');
      await assert.rejects(mirror.put({ _id: 'local-write' }), (err) => err instanceof SetteeError && err.status === 403);

      await settee.close();
      await remote.request('PUT', '/shop/later', { type: 't1', price: 1 });
      settee = await Settee.open({ dir, workers: 2 });
      follower = await settee.follow(`${remote.url}/shop`, { into: 'mirror' });
      mirror = await settee.database('mirror');
      await until(() => mirror.currentRev('later') !== undefined);
      assert.equal(follower.received, 1, 'a restart resumes from the checkpoint without re-reading');
      const after = (await remote.request('GET', '/shop/_design/shop/_view/by_type?group=true')).body;
      assert.deepEqual(await mirror.view('shop/by_type', { group: true }), after);
      await settee.close();
    });
  } finally {
    await remote.close();
  }
});

test('a remote that dies and comes back is retried, and the mirror converges', () =>
  withTempDir(async (remoteDir) => {
    const port = String(await freePort());
    let remote = await spawnServer(remoteDir, { PORT: port });
    await fetch(`${remote.url}/far`, { method: 'PUT' });
    await fetch(`${remote.url}/far/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ docs: [{ _id: 'a' }, { _id: 'b' }] }) });
    await withTempDir(async (dir) => {
      const settee = await Settee.open({ dir, workers: 1 });
      await settee.follow(`${remote.url}/far`);
      const mirror = await settee.database('far');
      await until(() => mirror.info().doc_count === 2);
      remote.child.kill('SIGKILL');
      await remote.exited;
      remote = await spawnServer(remoteDir, { PORT: port });
      await fetch(`${remote.url}/far/c`, { method: 'PUT', body: '{}' });
      await until(() => mirror.info().doc_count === 3, 20_000);
      await settee.close();
    });
    remote.child.kill('SIGTERM');
    await remote.exited;
  }));

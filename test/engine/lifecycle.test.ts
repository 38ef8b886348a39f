import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnServer } from '../helpers/process.js';
import { withTempDir } from '../helpers/temp-dir.js';

test('SIGTERM during writes exits 0 within 5 s and loses no acknowledged write', () =>
  withTempDir(async (dir) => {
    const first = await spawnServer(dir);
    await fetch(`${first.url}/keep`, { method: 'PUT' });
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (worker: number) => {
      for (let i = 0; !stop; i++) {
        const id = `w${worker}-${i}`;
        try {
          const response = await fetch(`${first.url}/keep/${id}`, { method: 'PUT', body: JSON.stringify({ i }) });
          if (response.status === 201) acknowledged.push(id);
        } catch {
          return; // the server went away mid-request: this write was not acknowledged
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await new Promise((resolve) => setTimeout(resolve, 400));
    const signalled = Date.now();
    first.child.kill('SIGTERM');
    const { code } = await first.exited;
    const took = Date.now() - signalled;
    stop = true;
    await Promise.all(writers);
    assert.equal(code, 0, first.logs.slice(-8).join("\n"));
    assert.ok(took < 5000, `shutdown took ${took} ms`);
    assert.ok(acknowledged.length > 0);

    const second = await spawnServer(dir);
    try {
      const response = await fetch(`${second.url}/keep/_all_docs`);
      const { rows } = (await response.json()) as { rows: Array<{ id: string }> };
      const present = new Set(rows.map((row) => row.id));
      const lost = acknowledged.filter((id) => !present.has(id));
      assert.deepEqual(lost, []);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }));

test('an acknowledged write survives kill -9', () =>
  withTempDir(async (dir) => {
    const first = await spawnServer(dir);
    await fetch(`${first.url}/hard`, { method: 'PUT' });
    const ids = Array.from({ length: 50 }, (_, i) => `doc${i}`);
    for (const id of ids) {
      const response = await fetch(`${first.url}/hard/${id}`, { method: 'PUT', body: '{}' });
      assert.equal(response.status, 201);
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const second = await spawnServer(dir);
    try {
      const info = (await (await fetch(`${second.url}/hard`)).json()) as { doc_count: number; update_seq: number };
      assert.equal(info.doc_count, 50);
      assert.equal(info.update_seq, 50);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }));

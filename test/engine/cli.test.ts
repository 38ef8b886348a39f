/**
 * The command line as an operator uses it: `settee load` fills a database from a file,
 * `settee query` builds the view (with progress on stderr) and prints CouchDB's answer.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI } from '../helpers/process.js';
import { withTempDir } from '../helpers/temp-dir.js';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function settee(dataDir: string, args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, SETTEE_DATA_DIR: dataDir, SETTEE_WORKERS: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const design = {
  _id: '_design/shop',
  views: { by_type: { map: 'function (doc) { if (doc.type) emit([doc.type, doc.n], doc.n); }', reduce: '_sum' } },
};

async function loadShop(dir: string): Promise<void> {
  const docs = [design, ...Array.from({ length: 3000 }, (_, n) => ({ _id: `d${n}`, type: n % 3 === 0 ? 'fruit' : 'veg', n }))];
  const file = join(dir, 'shop.ndjson');
  await writeFile(file, docs.map((doc) => JSON.stringify(doc)).join('\n'));
  const load = await settee(join(dir, 'data'), ['load', 'shop', file]);
  assert.equal(load.code, 0, load.stderr + load.stdout);
}

test('settee query builds the view and prints the reduce answer, grouped by the query string', async () => {
  await withTempDir(async (dir) => {
    await loadShop(dir);
    const run = await settee(join(dir, 'data'), ['query', 'shop', 'shop/by_type', 'group_level=1']);
    assert.equal(run.code, 0, run.stderr);
    const fruitTotal = Array.from({ length: 1000 }, (_, i) => i * 3).reduce((a, b) => a + b, 0);
    const vegTotal = Array.from({ length: 3000 }, (_, n) => n).reduce((a, b) => a + b, 0) - fruitTotal;
    assert.deepEqual(JSON.parse(run.stdout), { rows: [{ key: ['fruit'], value: fruitTotal }, { key: ['veg'], value: vegTotal }] });
  });
});

test('settee query with reduce=false pages map rows; stdout holds only the answer, logs go to stderr', async () => {
  await withTempDir(async (dir) => {
    await loadShop(dir);
    const run = await settee(join(dir, 'data'), ['query', 'shop', 'shop/by_type', 'reduce=false&limit=2&startkey=["veg"]']);
    assert.equal(run.code, 0, run.stderr);
    const answer = JSON.parse(run.stdout) as { total_rows: number; offset: number; rows: unknown[] };
    assert.equal(answer.total_rows, 3000);
    assert.equal(answer.offset, 1000);
    assert.deepEqual(answer.rows, [
      { id: 'd1', key: ['veg', 1], value: 1 },
      { id: 'd2', key: ['veg', 2], value: 2 },
    ]);
  });
});

test('settee query --update false answers from what is built, without building', async () => {
  await withTempDir(async (dir) => {
    await loadShop(dir);
    const run = await settee(join(dir, 'data'), ['query', 'shop', 'shop/by_type', 'reduce=false&limit=1', '--update', 'false']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as { rows: unknown[] }).rows, []);
  });
});

test('settee query reports a missing view or a bad parameter in CouchDB terms and exits 1', async () => {
  await withTempDir(async (dir) => {
    await loadShop(dir);
    const missing = await settee(join(dir, 'data'), ['query', 'shop', 'shop/nope']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /not_found/);
    const bad = await settee(join(dir, 'data'), ['query', 'shop', 'shop/by_type', 'limit=-3']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /query_parse_error/);
    const noDb = await settee(join(dir, 'data'), ['query', 'nodb', 'shop/by_type']);
    assert.equal(noDb.code, 1);
    assert.match(noDb.stderr, /not_found/);
  });
});

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Settee } from '../../../engine/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

let settee: Settee;
let cleanup: () => Promise<void>;
before(async () => {
  const temp = await makeTempDir();
  cleanup = temp.cleanup;
  settee = await Settee.open({ dir: temp.dir, workers: 2 });
});
after(async () => {
  await settee.close();
  await cleanup();
});

type MapResult = { total_rows: number; rows: Array<{ key: unknown; value: unknown }>; update_seq: number };

const views = (b: string) => ({
  a: { map: 'function(doc){ emit(doc.n, null) }' },
  b: { map: b },
  c: { map: 'function(doc){ emit(doc.n % 10, 1) }', reduce: '_count' },
});

test('changing one view of a design document with three views rebuilds that view only', async () => {
  const db = await settee.database('three', { create: true });
  await db.bulkDocs(Array.from({ length: 300 }, (_, n) => ({ _id: `d${n}`, n })));
  const first = await db.put({ _id: '_design/x', views: views('function(doc){ emit(doc.n, 1) }') });
  for (const name of ['a', 'b', 'c']) await db.view(`x/${name}`, { update_seq: true });

  const engine = settee.views(db);
  const indexOf = (name: string) => engine.store.open(engine.designs.get('x').views.get(name)!);
  const before = { a: indexOf('a'), c: indexOf('c') };
  const lastChange = { a: before.a.updateSeq(), c: before.c.updateSeq() };

  await db.put({ _id: '_design/x', _rev: first.rev, views: views('function(doc){ emit(doc.n * 2, 2) }') });
  const b = await db.view<MapResult>('x/b', { limit: 2, descending: true });
  assert.deepEqual(b.rows.map((row) => [row.key, row.value]), [[598, 2], [596, 2]]);

  // The unchanged views keep their storage (same index object) and none of their rows was rewritten.
  assert.equal(indexOf('a'), before.a);
  assert.equal(indexOf('c'), before.c);
  assert.equal(before.a.updateSeq(), lastChange.a);
  assert.equal(before.c.updateSeq(), lastChange.c);
  assert.equal((await db.view<MapResult>('x/a', {})).total_rows, 300);
});

test('until a changed view is built, update=false answers from its previous complete index', async () => {
  const db = await settee.database('previous', { create: true });
  await db.bulkDocs(Array.from({ length: 50 }, (_, n) => ({ _id: `d${n}`, n })));
  const first = await db.put({ _id: '_design/x', views: views('function(doc){ emit(doc.n, "old") }') });
  await db.view('x/b', {});
  await db.put({ _id: '_design/x', _rev: first.rev, views: views('function(doc){ emit(doc.n, "new") }') });

  const stale = await db.view<MapResult>('x/b', { update: false, limit: 1 });
  assert.equal(stale.total_rows, 50);
  assert.equal(stale.rows[0]?.value, 'old');
  const fresh = await db.view<MapResult>('x/b', { limit: 1 });
  assert.equal(fresh.rows[0]?.value, 'new');
});

test('a collator change is part of the storage name, so indexes built with another collation are not reused', async () => {
  const db = await settee.database('named', { create: true });
  await db.put({ _id: '_design/x', views: views('function(doc){ emit(doc.n, 1) }') });
  await db.view('x/a', {});
  const engine = settee.views(db);
  const names = [...engine.store.storedNames()];
  assert.equal(names.length, 3);
  for (const name of names) assert.match(name, /^[0-9a-f]{48}$/);
});

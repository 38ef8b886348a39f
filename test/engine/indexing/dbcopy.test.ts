import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Settee, SetteeError, type Database } from '../../../engine/index.js';
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

type Rows = { rows: Array<{ key: unknown; value: unknown; id?: string }> };

/** Waits until the copy target holds exactly `expected` as {key: value}. */
async function copyOf(db: Database, source: Database, view: string): Promise<Record<string, unknown>> {
  await source.view(view, { limit: 0 }); // brings the source index (and so its copies) up to date
  const { rows } = db.allDocs({ include_docs: true });
  return Object.fromEntries(rows.map((row) => [JSON.stringify(row.doc!.key), row.doc!.value]));
}

const EMPLOYEES = [
  { name: 'a', company: 'Amazon' },
  { name: 'b', company: 'Amazon' },
  { name: 'c', company: 'Amazon' },
  { name: 'd', company: 'Rackspace' },
  { name: 'e', company: 'Rackspace' },
  { name: 'f', company: 'Cloudant' },
];

test('the employees example: the copy holds one document per group, and a view over it chains', async () => {
  const employees = await settee.database('employees', { create: true });
  await employees.bulkDocs(EMPLOYEES.map((e) => ({ _id: e.name, ...e })));
  await employees.put({
    _id: '_design/count',
    views: { by_company: { map: 'function(doc){ emit(doc.company, null); emit("total", null); }', reduce: '_count', dbcopy: 'companies' } },
  });
  const companies = await settee.database('companies', { create: true });
  assert.deepEqual(await copyOf(companies, employees, 'count/by_company'), { '"Amazon"': 3, '"Cloudant"': 1, '"Rackspace"': 2, '"total"': 6 });

  await companies.put({ _id: '_design/rank', views: { by_size: { map: 'function(doc){ if (doc.key != "total") emit(doc.value, doc.key) }' } } });
  const ranked = await companies.view<Rows>('rank/by_size', {});
  assert.deepEqual(ranked.rows.map((row) => [row.key, row.value]), [[1, 'Cloudant'], [2, 'Rackspace'], [3, 'Amazon']]);
});

test('a group that disappears deletes its copy, and a group that comes back re-creates it', async () => {
  const source = await settee.database('groups', { create: true });
  const target = await settee.database('groups_copy', { create: true });
  await source.put({ _id: '_design/g', views: { v: { map: 'function(doc){ emit(doc.k, doc.n) }', reduce: '_sum', dbcopy: 'groups_copy' } } });
  const first = await source.put({ _id: 'x', k: 'only', n: 5 });
  assert.deepEqual(await copyOf(target, source, 'g/v'), { '"only"': 5 });
  await source.remove('x', first.rev);
  assert.deepEqual(await copyOf(target, source, 'g/v'), {});
  await source.put({ _id: 'y', k: 'only', n: 7 });
  assert.deepEqual(await copyOf(target, source, 'g/v'), { '"only"': 7 });
});

test('a three-level chain stays current after a change at the bottom', async () => {
  const sales = await settee.database('sales', { create: true });
  await settee.database('by_region', { create: true });
  await settee.database('by_country', { create: true });
  await sales.bulkDocs([
    { _id: 's1', country: 'fr', region: 'paris', amount: 10 },
    { _id: 's2', country: 'fr', region: 'lyon', amount: 5 },
    { _id: 's3', country: 'de', region: 'berlin', amount: 7 },
  ]);
  await sales.put({ _id: '_design/s', views: { v: { map: 'function(doc){ emit([doc.country, doc.region], doc.amount) }', reduce: '_sum', dbcopy: 'by_region' } } });
  const byRegion = await settee.database('by_region');
  await byRegion.put({ _id: '_design/r', views: { v: { map: 'function(doc){ emit(doc.key[0], doc.value) }', reduce: '_sum', dbcopy: 'by_country' } } });
  const byCountry = await settee.database('by_country');
  await byCountry.put({ _id: '_design/c', views: { total: { map: 'function(doc){ emit(null, doc.value) }', reduce: '_sum' } } });

  await sales.view('s/v', { limit: 0 });
  await byRegion.view('r/v', { limit: 0 });
  assert.deepEqual((await byCountry.view<Rows>('c/total', {})).rows, [{ key: null, value: 22 }]);

  await sales.put({ _id: 's4', country: 'de', region: 'munich', amount: 100 });
  await sales.view('s/v', { limit: 0 });
  await byRegion.view('r/v', { limit: 0 });
  assert.deepEqual((await byCountry.view<Rows>('c/total', {})).rows, [{ key: null, value: 122 }]);
});

test('a chain that would form a cycle is refused when the design document is saved', async () => {
  const a = await settee.database('cycle_a', { create: true });
  const b = await settee.database('cycle_b', { create: true });
  await a.put({ _id: '_design/a', views: { v: { map: 'function(doc){ emit(doc.k, 1) }', reduce: '_count', dbcopy: 'cycle_b' } } });
  await assert.rejects(
    b.put({ _id: '_design/b', views: { v: { map: 'function(doc){ emit(doc.key, 1) }', reduce: '_count', dbcopy: 'cycle_a' } } }),
    (err) => err instanceof SetteeError && err.status === 400,
  );
});

test('clients cannot write documents into a copy target (403), but may add design documents', async () => {
  const source = await settee.database('guarded_src', { create: true });
  await source.put({ _id: '_design/g', views: { v: { map: 'function(doc){ emit(doc.k, 1) }', reduce: '_count', dbcopy: 'guarded_dst' } } });
  await source.put({ _id: 'one', k: 'a' });
  const target = await settee.database('guarded_dst', { create: true });
  await copyOf(target, source, 'g/v');
  await assert.rejects(target.put({ _id: 'intruder' }), (err) => err instanceof SetteeError && err.error === 'forbidden' && err.status === 403);
  await target.put({ _id: '_design/mine', views: {} });
});

test('after random source changes every target equals group=true of its source view', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), key: fc.constantFrom('x', 'y', 'z', null), n: fc.integer({ min: -5, max: 5 }), del: fc.boolean() }), { minLength: 1, maxLength: 25 }),
      async (ops) => {
        const name = `prop_src${run}`;
        const targetName = `prop_dst${run++}`;
        const source = await settee.database(name, { create: true });
        await source.put({ _id: '_design/p', views: { v: { map: 'function(doc){ emit(doc.key, doc.n) }', reduce: '_sum', dbcopy: targetName } } });
        for (const op of ops) {
          const rev = source.currentRev(op.id);
          if (op.del) {
            if (rev) await source.remove(op.id, rev);
          } else await source.put({ _id: op.id, ...(rev ? { _rev: rev } : {}), key: op.key, n: op.n });
          if (op.n === 0) await source.view('p/v', { limit: 0 }); // propagate at random points too
        }
        const grouped = await source.view<Rows>('p/v', { group: true });
        const target = await settee.database(targetName, { create: true });
        const copied = await copyOf(target, source, 'p/v');
        assert.deepEqual(copied, Object.fromEntries(grouped.rows.map((row) => [JSON.stringify(row.key), row.value])));
      },
    ),
    { numRuns: 20 },
  );
});

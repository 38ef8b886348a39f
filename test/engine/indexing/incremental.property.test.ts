import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Settee, type Database } from '../../../engine/index.js';
import { collate, compareDocIds } from '../../../views/index.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

type Key = null | boolean | number | string | Key[];
interface Row { id: string; key: Key; value: number }

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

const MAP = 'function(doc){ if (doc.keys) for (var i = 0; i < doc.keys.length; i++) emit(doc.keys[i], doc.v); }';
const keyArb: fc.Arbitrary<Key> = fc.oneof(
  fc.constantFrom(null, true, false),
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom('a', 'A', 'b', 'B', 'é', 'c\u200B', 'c'),
  fc.array(fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constantFrom('x', 'y')), { maxLength: 3 }),
);
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), id: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5', 'd6'), keys: fc.array(keyArb, { maxLength: 3 }), v: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ kind: fc.constant('delete' as const), id: fc.constantFrom('d1', 'd2', 'd3', 'd4', 'd5', 'd6') }),
);
const queryArb = fc.record({
  startkey: fc.option(keyArb, { nil: undefined }),
  endkey: fc.option(keyArb, { nil: undefined }),
  descending: fc.boolean(),
  inclusive_end: fc.boolean(),
  group_level: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
});

/** Every emitted row sorted by (key collation, doc id) — the reference a view must equal. */
function bruteForce(docs: Map<string, { keys: Key[]; v: number }>): Row[] {
  const rows: Row[] = [];
  for (const [id, doc] of docs) for (const key of doc.keys) rows.push({ id, key, value: doc.v });
  return rows.sort((a, b) => collate(a.key, b.key) || compareDocIds(a.id, b.id));
}

type Query = typeof queryArb extends fc.Arbitrary<infer T> ? T : never;
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

function inRange(row: Row, q: Query): boolean {
  const [lo, hi] = q.descending ? [q.endkey, q.startkey] : [q.startkey, q.endkey];
  const loInclusive = q.descending ? q.inclusive_end : true;
  const hiInclusive = q.descending ? true : q.inclusive_end;
  if (lo !== undefined) {
    const order = collate(row.key, lo);
    if (order < 0 || (order === 0 && !loInclusive)) return false;
  }
  if (hi !== undefined) {
    const order = collate(row.key, hi);
    if (order > 0 || (order === 0 && !hiInclusive)) return false;
  }
  return true;
}

function groupKey(key: Key, level: number): Key {
  return Array.isArray(key) && key.length > level ? key.slice(0, level) : key;
}

test('an incremental view answers every query as a brute-force sort of the emitted rows, and as a rebuild', async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(opArb, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }), fc.array(queryArb, { minLength: 1, maxLength: 4 }), async (rounds, queries) => {
      const db = await settee.database(`prop${run++}`, { create: true });
      await db.put({ _id: '_design/p', views: { rows: { map: MAP }, sums: { map: MAP, reduce: '_sum' } } });
      const model = new Map<string, { keys: Key[]; v: number }>();
      for (const ops of rounds) {
        for (const op of ops) await apply(db, model, op);
        for (const q of queries) await check(db, model, q);
      }
      // A fresh index over the same documents answers the same.
      await db.put({ ...db.get('_design/p'), views: { rows: { map: `${MAP} ` }, sums: { map: `${MAP} `, reduce: '_sum' } } });
      for (const q of queries) await check(db, model, q);
    }),
    { numRuns: 25 },
  );
});

async function apply(db: Database, model: Map<string, { keys: Key[]; v: number }>, op: Op): Promise<void> {
  const rev = db.currentRev(op.id);
  if (op.kind === 'put' && 'keys' in op) {
    await db.put({ _id: op.id, ...(rev ? { _rev: rev } : {}), keys: op.keys, v: op.v });
    model.set(op.id, { keys: op.keys, v: op.v });
  } else if (rev) {
    await db.remove(op.id, rev);
    model.delete(op.id);
  }
}

async function check(db: Database, model: Map<string, { keys: Key[]; v: number }>, q: Query): Promise<void> {
  const all = bruteForce(model);
  const ordered = q.descending ? [...all].reverse() : all;
  const expected = ordered.filter((row) => inRange(row, q));
  const options: Record<string, unknown> = { descending: q.descending, inclusive_end: q.inclusive_end };
  if (q.startkey !== undefined) options.startkey = q.startkey;
  if (q.endkey !== undefined) options.endkey = q.endkey;
  let result: any;
  try {
    result = await db.view('p/rows', options);
  } catch (err: any) {
    // CouchDB refuses reversed ranges; the model agrees that no row can match.
    assert.equal(err.error, 'query_parse_error');
    assert.deepEqual(expected, []);
    return;
  }
  assert.equal(result.total_rows, all.length);
  assert.deepEqual(result.rows.map((r: Row) => [r.id, r.key, r.value]), expected.map((r) => [r.id, r.key, r.value]));
  if (expected.length > 0) assert.equal(result.offset, ordered.indexOf(expected[0]!));

  const level = q.group_level ?? 0;
  const reduced = await db.view<{ rows: Array<{ value: number }> }>('p/sums', { ...options, ...(q.group_level === undefined ? {} : { group_level: q.group_level }) });
  const groups: Array<{ key: Key; value: number }> = [];
  for (const row of expected) {
    const key = q.group_level === undefined || level === 0 ? null : groupKey(row.key, level);
    const last = groups[groups.length - 1];
    if (last && collate(last.key, key) === 0) last.value += row.value;
    else groups.push({ key, value: row.value });
  }
  assert.deepEqual(
    reduced.rows.map((r) => r.value),
    groups.map((g) => g.value),
  );
}

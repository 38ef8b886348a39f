import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Store } from '../../../engine/storage/lmdb.js';
import { SummaryTree, type SummaryNode } from '../../../views/index/summary-tree.js';
import type { Bytes, KeyInterval, OrderedTable } from '../../../views/index/table.js';
import { aboveLow, belowHigh, compareBytes } from '../../../views/index/table.js';
import { withTempDir } from '../../helpers/temp-dir.js';

/** A reducer whose partial results expose order: the sum of values and the concatenation of keys. */
const reducer = {
  reduce: (rows: readonly { key: unknown; value: unknown }[]) => ({ sum: rows.reduce((s, r) => s + (r.value as number), 0), first: rows[0]?.key ?? null }),
  rereduce: (parts: readonly { sum: number; first: unknown }[]) => ({ sum: parts.reduce((s, p) => s + p.sum, 0), first: parts[0]?.first ?? null }),
};
type Acc = ReturnType<typeof reducer.reduce>;

function open(dir: string) {
  const store = Store.open(dir);
  const rows = store.table<Bytes, number>('rows', 'binary') as unknown as OrderedTable<unknown>;
  const nodes = store.table<Bytes, SummaryNode<Acc> | number>('nodes', 'binary') as unknown as OrderedTable<SummaryNode<Acc> | number>;
  const tree = new SummaryTree<Acc>(rows, nodes, reducer, (key, value) => ({ key: Buffer.from(key).toString('hex'), id: '', value: value as never }));
  return { store, rows, tree };
}

const keyArb = fc.uint8Array({ minLength: 1, maxLength: 4 });
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), key: keyArb, value: fc.integer({ min: -50, max: 50 }) }),
  fc.record({ kind: fc.constant('remove' as const), key: keyArb }),
);
const intervalArb = fc.record({
  lo: fc.option(keyArb, { nil: undefined }),
  loInclusive: fc.boolean(),
  hi: fc.option(keyArb, { nil: undefined }),
  hiInclusive: fc.boolean(),
});

function bruteForce(model: Map<string, number>, interval: KeyInterval) {
  const inside = [...model.entries()]
    .map(([hex, value]) => ({ key: Buffer.from(hex, 'hex'), value }))
    .sort((a, b) => compareBytes(a.key, b.key))
    .filter(({ key }) => aboveLow(key, interval) && belowHigh(key, interval));
  return { count: inside.length, sum: inside.reduce((s, r) => s + r.value, 0), first: inside[0] ? inside[0].key.toString('hex') : null };
}

test('range summaries equal a brute-force reduce after any sequence of incremental updates', () =>
  withTempDir(async (dir) => {
    const { store, rows, tree } = open(dir);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(opArb, { maxLength: 300 }), { minLength: 1, maxLength: 6 }), fc.array(intervalArb, { minLength: 1, maxLength: 8 }), async (batches, intervals) => {
        rows.clear();
        const model = new Map<string, number>();
        await store.write(() => tree.rebuild());
        for (const batch of batches) {
          await store.write(() => {
            const changed: Bytes[] = [];
            for (const op of batch) {
              if (op.kind === 'put') {
                rows.put(op.key, op.value);
                model.set(Buffer.from(op.key).toString('hex'), op.value);
              } else {
                rows.remove(op.key);
                model.delete(Buffer.from(op.key).toString('hex'));
              }
              changed.push(op.key);
            }
            tree.update(changed);
          });
        }
        for (const interval of intervals) {
          const expected = bruteForce(model, interval);
          const actual = tree.summarise(interval);
          assert.equal(actual.count, expected.count);
          assert.equal(actual.count === 0 ? 0 : actual.acc!.sum, expected.sum);
          assert.equal(actual.count === 0 ? null : actual.acc!.first, expected.first);
          assert.equal(tree.summarise(interval, { countOnly: true }).count, expected.count);
        }
        const everything = tree.summarise({});
        await store.write(() => tree.rebuild());
        assert.deepEqual(tree.summarise({}), everything);
      }),
      { numRuns: 60 },
    );
    await store.close();
  }));

test('a full-range summary reads a bounded number of nodes as the index grows', () =>
  withTempDir(async (dir) => {
    const { store, rows, tree } = open(dir);
    let reads = 0;
    const counting = new Proxy(rows, {
      get(target, prop, receiver) {
        const original = Reflect.get(target, prop, receiver) as unknown;
        if (prop === 'range' && typeof original === 'function') {
          return (...args: unknown[]) => {
            const iterable = (original as (...a: unknown[]) => Iterable<unknown>).apply(target, args);
            return { *[Symbol.iterator]() { for (const item of iterable) { reads++; yield item; } } };
          };
        }
        return original;
      },
    });
    const measured = new SummaryTree<Acc>(counting, (tree as unknown as { nodes: OrderedTable<SummaryNode<Acc> | number> }).nodes, reducer, (_key, value) => ({ key: 0, id: '', value: value as never }));
    const readsAt = async (size: number) => {
      await store.write(() => {
        for (let i = 0; i < size; i++) rows.put(Buffer.from(`k${String(i).padStart(8, '0')}`), 1);
        measured.rebuild();
      });
      reads = 0;
      const lo = Buffer.from('k00000003');
      const hi = Buffer.from(`k${String(size - 3).padStart(8, '0')}`);
      const result = measured.summarise({ lo, hi });
      assert.equal(result.count, size - 5);
      return reads;
    };
    const small = await readsAt(5_000);
    const large = await readsAt(200_000);
    assert.ok(large <= small * 2 + 256, `row reads grew from ${small} to ${large}`);
    await store.close();
  }));

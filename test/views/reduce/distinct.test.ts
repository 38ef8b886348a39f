import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HllSketch, ReduceRow } from '../../../views/reduce/index.js';
import { inRange, integerRows, prng, reduceAsTree, reducerFor, valueOf } from './helpers.js';

const distinct = reducerFor('_approx_count_distinct');
const estimate = (rows: readonly ReduceRow[]): number => valueOf(distinct, distinct.reduce(rows)) as number;
/** The acceptance bound of reduce_builtin_test: 1.04/√(2^10) ≈ 3.25%. */
const tolerance = (expected: number): number => (expected * 1.04) / Math.sqrt(2 ** 10);

function keyRows(keys: number, seed: number): ReduceRow[] {
  return Array.from({ length: keys }, (_, i) => ({ key: ['user', seed, i], id: `d${i}`, value: null }));
}

describe('_approx_count_distinct', () => {
  const rows = integerRows(500);

  it('estimates 500 distinct keys (emitted twice) within 3.25%', () => {
    assert.ok(Math.abs(estimate(rows) - 500) < tolerance(500), `estimate ${estimate(rows)}`);
  });

  it('is exact for the small ranges: 1, 2, 3', () => {
    assert.equal(estimate(inRange(rows, 4, 4)), 1);
    assert.equal(estimate(inRange(rows, 4, 5)), 2);
    assert.equal(estimate(inRange(rows, 4, 6)), 3);
  });

  it('gives 1 per group when grouping by the full key', () => {
    for (const key of [1, 250, 500]) assert.equal(estimate(inRange(rows, key, key)), 1);
  });

  it('ignores values and counts keys by their JSON', () => {
    const same = [1, 2, 3].map((value) => ({ key: { a: [1, 'x'] }, id: String(value), value }));
    assert.equal(estimate(same), 1);
    assert.equal(estimate([...same, { key: { a: [1, 'y'] }, id: '4', value: 1 }]), 2);
  });

  it('reduces no rows to 0', () => {
    assert.equal(estimate([]), 0);
    assert.equal(valueOf(distinct, distinct.rereduce([])), 0);
  });

  it('stays within 3 standard errors (3 × 2.3%) up to 100,000 keys, with a small mean error', () => {
    const errors: number[] = [];
    for (const [n, seed] of [[1000, 1], [4000, 2], [20000, 3], [100000, 4], [7000, 5], [50000, 6]] as const) {
      const relative = Math.abs(estimate(keyRows(n, seed)) - n) / n;
      assert.ok(relative < 0.069, `n=${n} off by ${(relative * 100).toFixed(2)}%`);
      errors.push(relative);
    }
    const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
    assert.ok(mean < 0.03, `mean error ${(mean * 100).toFixed(2)}%`);
  });

  it('unions sketches exactly, sparse and dense alike', () => {
    for (const n of [50, 300, 2000, 6000]) {
      const all = keyRows(n, n);
      const whole = distinct.reduce(all) as HllSketch;
      for (const seed of [1, 2, 3]) assert.deepEqual(reduceAsTree(distinct, all, seed), whole);
    }
  });

  it('keeps small sketches sparse and large ones dense', () => {
    assert.ok('sparse' in (distinct.reduce(keyRows(100, 9)) as HllSketch));
    assert.ok('dense' in (distinct.reduce(keyRows(5000, 9)) as HllSketch));
  });

  it('stores plain data that survives structured clone', () => {
    for (const n of [100, 5000]) {
      const sketch = distinct.reduce(keyRows(n, 7));
      const copy = structuredClone(sketch);
      assert.deepEqual(copy, sketch);
      assert.deepEqual(distinct.finalize(distinct.rereduce([copy])), distinct.finalize(sketch));
    }
  });

  it('does not depend on the order of rows or parts', () => {
    const all = keyRows(3000, 11);
    const random = prng(5);
    const shuffled = [...all].sort(() => random() - 0.5);
    assert.deepEqual(distinct.reduce(shuffled), distinct.reduce(all));
  });
});

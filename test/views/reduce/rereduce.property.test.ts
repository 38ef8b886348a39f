import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { customReducer, type AnyReducer, type JsonValue, type ReduceRow } from '../../../views/reduce/index.js';
import { CONTEXT, compareJson, reduceAsTree, reducerFor } from './helpers.js';

/**
 * The index's correctness rests on this: reducing a range in one go equals rereducing the
 * reductions of any partition of it, nested to any depth (§1.8). Values are integers so
 * float rounding cannot make addition order matter.
 */
const int = fc.integer({ min: -1000, max: 1000 });
const key = fc.oneof(fc.integer({ min: 0, max: 50 }), fc.constantFrom('a', 'b', 'c'), fc.tuple(fc.constantFrom('x', 'y'), fc.nat(5)));

function rowsOf(value: fc.Arbitrary<JsonValue>, maxLength = 60): fc.Arbitrary<ReduceRow[]> {
  return fc
    .array(fc.record({ key, value }), { maxLength })
    .map((items) =>
      items
        .map(({ key: k, value: v }, i) => ({ key: k as JsonValue, id: `doc${String(i).padStart(3, '0')}`, value: v }))
        .sort((a, b) => compareJson(a.key, b.key) || (a.id < b.id ? -1 : 1)),
    );
}

function holds(reducer: AnyReducer, rows: fc.Arbitrary<ReduceRow[]>, compareAccumulators = false): void {
  fc.assert(
    fc.property(rows, fc.integer(), (all, seed) => {
      const whole = reducer.reduce(all);
      const tree = reduceAsTree(reducer, all, seed);
      assert.deepEqual(reducer.finalize(tree), reducer.finalize(whole));
      if (compareAccumulators) assert.deepEqual(tree, whole);
    }),
    { numRuns: 150 },
  );
}

const numberArray = fc.array(int, { maxLength: 4 });
/**
 * Objects of one schema (each member path always an object, or always numbers/arrays), any
 * members left out. Mixing an object with a number at one path is an error whose
 * `caused_by` depends on where the partition falls, in CouchDB as here.
 */
const numeric = fc.oneof(int, numberArray);
const numericObject: fc.Arbitrary<JsonValue> = fc.record(
  { a: numeric, b: fc.record({ c: numeric, d: numeric }, { requiredKeys: [] }), e: numeric },
  { requiredKeys: [] },
);

describe('rereduce over any partition equals reduce over all rows', () => {
  it('_sum of numbers', () => holds(reducerFor('_sum'), rowsOf(int)));
  it('_sum of numbers and arrays', () => holds(reducerFor('_sum'), rowsOf(fc.oneof(int, numberArray))));
  it('_sum of nested objects', () => holds(reducerFor('_sum'), rowsOf(numericObject)));
  it('_sum with invalid scalars mixed in', () =>
    holds(reducerFor('_sum'), rowsOf(fc.oneof({ weight: 20, arbitrary: int }, fc.constantFrom<JsonValue>('s', true, null)))));
  it('_count', () => holds(reducerFor('_count'), rowsOf(fc.jsonValue() as fc.Arbitrary<JsonValue>)));
  it('_stats of numbers', () => holds(reducerFor('_stats'), rowsOf(int)));
  it('_stats of numbers and pre-aggregated objects', () => {
    const pre = fc
      .array(int, { minLength: 1, maxLength: 5 })
      .map((xs): JsonValue => ({
        sum: xs.reduce((a, b) => a + b, 0),
        count: xs.length,
        min: Math.min(...xs),
        max: Math.max(...xs),
        sumsqr: xs.reduce((a, b) => a + b * b, 0),
      }));
    holds(reducerFor('_stats'), rowsOf(fc.oneof(int, pre)));
  });
  it('_stats of fixed-length arrays', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.integer(), (length, seed) => {
        const reducer = reducerFor('_stats');
        const all = fc.sample(rowsOf(fc.array(int, { minLength: length, maxLength: length })), { numRuns: 1, seed })[0] ?? [];
        assert.deepEqual(reducer.finalize(reduceAsTree(reducer, all, seed)), reducer.finalize(reducer.reduce(all)));
      }),
      { numRuns: 60 },
    );
  });
  it('_approx_count_distinct (registers equal exactly)', () =>
    holds(reducerFor('_approx_count_distinct'), rowsOf(fc.constant(null), 600), true));
  it('_top_N and _bottom_N', () => {
    for (const source of ['_top_1', '_top_3', '_bottom_2', '_bottom_5']) {
      holds(reducerFor(source), rowsOf(fc.integer({ min: 0, max: 12 })));
    }
  });
  it('_first and _last', () => {
    holds(reducerFor('_first'), rowsOf(int), true);
    holds(reducerFor('_last'), rowsOf(int), true);
  });
  it('custom sum(values)', () => {
    const sum = customReducer((_keys, values) => values.reduce<number>((a, v) => a + (v as number), 0), { context: CONTEXT });
    holds(sum as AnyReducer, rowsOf(int));
  });
});

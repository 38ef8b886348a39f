import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SetteeError } from '../../../views/errors.js';
import {
  customReducer,
  toReduceRow,
  type CustomAcc,
  type CustomReduceFunction,
  type JsonValue,
  type ReduceLimitOptions,
} from '../../../views/reduce/index.js';
import { CONTEXT, inRange, integerRows, reduceAsTree, valueRows } from './helpers.js';

/** The query server's `sum(values)` helper. */
const sumValues = (values: JsonValue[]): number => values.reduce<number>((total, v) => total + (v as number), 0);
const sumReduce: CustomReduceFunction = (_keys, values) => sumValues(values);
const options: ReduceLimitOptions = { context: CONTEXT };

function valueOf(acc: CustomAcc): JsonValue {
  assert.ok(acc !== null && 'value' in acc, `expected a value, got ${JSON.stringify(acc)}`);
  return acc.value;
}

const hasValue = (acc: CustomAcc): boolean => acc !== null && 'value' in acc;
const hasOverflow = (acc: CustomAcc): boolean => acc !== null && 'overflow' in acc;

describe('custom reduce: reduce_test vectors', () => {
  const reducer = customReducer(sumReduce, options);
  const rows = integerRows(500);
  const summate = (n: number): number => ((n + 1) * n) / 2;
  const query = (start: number, end: number, seed: number): JsonValue =>
    valueOf(reduceAsTree(reducer, inRange(rows, start, end), seed) as CustomAcc);

  it('sums all rows and key ranges, over any partition', () => {
    for (const seed of [1, 2, 3]) {
      assert.equal(query(1, 500, seed), 2 * summate(500));
      assert.equal(query(4, 4, seed), 8);
      assert.equal(query(4, 5, seed), 18);
      assert.equal(query(4, 6, seed), 30);
    }
  });

  it('gives 2, 4, 6 for the first three groups', () => {
    assert.deepEqual([1, 2, 3].map((key) => query(key, key, key)), [2, 4, 6]);
  });

  it('sums the symmetric ranges i..500-i for i = 31, 61, …, 241', () => {
    for (let i = 31; i < 250; i += 30) {
      assert.equal(query(i, 500 - i, i), 2 * (summate(500 - i) - summate(i - 1)));
    }
  });

  it('computes the rereduce-aware standard deviation', () => {
    const stdDeviation: CustomReduceFunction = (_keys, values, rereduce) => {
      let count = 0;
      let total = 0;
      let sqrTotal = 0;
      if (!rereduce) {
        for (const value of values as number[]) {
          total += value;
          sqrTotal += value * value;
        }
        count = values.length;
      } else {
        for (const value of values as Array<{ count: number; total: number; sqrTotal: number }>) {
          count += value.count;
          total += value.total;
          sqrTotal += value.sqrTotal;
        }
      }
      const variance = (sqrTotal - (total * total) / count) / count;
      return { stdDeviation: Math.sqrt(variance), count, total, sqrTotal };
    };
    const std = customReducer(stdDeviation, options);
    const values = Array.from({ length: 10 }, () => Array.from({ length: 10 }, (_, i) => (i + 1) * 10)).flat();
    const rows = values.map((value, i) => ({ key: value, id: String(i), value }));
    rows.sort((a, b) => a.key - b.key);
    for (const seed of [1, 2, 3, 4]) {
      const result = valueOf(reduceAsTree(std, rows, seed) as CustomAcc) as { stdDeviation: number };
      assert.ok(Math.abs(result.stdDeviation - 28.722813232690143) < 1e-10, String(result.stdDeviation));
    }
  });
});

describe('custom reduce: calling convention', () => {
  it('passes [key, id] pairs and values on reduce, null keys on rereduce', () => {
    const calls: Array<[unknown, unknown, unknown]> = [];
    const reducer = customReducer((keys, values, rereduce) => {
      calls.push([keys, values, rereduce]);
      return values.length;
    }, options);
    const part = reducer.reduce([{ key: ['a', 1], id: 'x', value: { v: 1 } }]);
    reducer.rereduce([part, part]);
    assert.deepEqual(calls, [
      [[[['a', 1], 'x']], [{ v: 1 }], false],
      [null, [1, 1], true],
    ]);
  });

  it('hands the function copies, so mutating them cannot corrupt stored values', () => {
    const reducer = customReducer((_keys, values, rereduce) => {
      if (!rereduce) return { total: sumValues(values) };
      const first = values[0] as { total: number };
      for (const value of values.slice(1)) first.total += (value as { total: number }).total;
      return first;
    }, options);
    const parts = [reducer.reduce(valueRows([1, 2])), reducer.reduce(valueRows([3]))];
    const before = structuredClone(parts);
    assert.deepEqual(valueOf(reducer.rereduce(parts)), { total: 6 });
    assert.deepEqual(parts, before);
  });

  it('is never called on no rows; empty parts are skipped', () => {
    let calls = 0;
    const reducer = customReducer((_keys, values) => {
      calls += 1;
      return values.length;
    }, options);
    const empty = reducer.reduce([]);
    assert.equal(calls, 0);
    assert.equal(reducer.rereduce([empty, empty]), null);
    assert.equal(calls, 0);
    assert.deepEqual(reducer.rereduce([empty, { value: 4 }]), { value: 1 });
  });

  it('turns undefined into null and passes the result through JSON', () => {
    const undef = customReducer(() => undefined, options);
    assert.deepEqual(undef.reduce(valueRows([1])), { value: null });
    const odd = customReducer(() => ({ a: undefined, b: [undefined, NaN], c: () => 1 }), options);
    assert.deepEqual(odd.reduce(valueRows([1])), { value: { b: [null, null] } });
  });

  it('turns an exception into null and logs it', () => {
    const logged: string[] = [];
    const reducer = customReducer(
      () => {
        throw new TypeError('boom');
      },
      { ...options, log: (message) => logged.push(message) },
    );
    assert.deepEqual(reducer.reduce(valueRows([1])), { value: null });
    assert.deepEqual(reducer.finalize(reducer.rereduce([{ value: 1 }])), { ok: true, value: null });
    assert.equal(logged.length, 2);
    assert.match(logged[0] ?? '', /TypeError: boom/);
  });

  it('treats an unserializable result like an exception', () => {
    const reducer = customReducer(() => 10n, options);
    assert.deepEqual(reducer.reduce(valueRows([1])), { value: null });
  });

  it('fails the query for fatal_error', () => {
    const fatal = customReducer(() => {
      throw 'fatal_error';
    }, options);
    assert.throws(() => fatal.reduce(valueRows([1])), (err: unknown) => err instanceof SetteeError && err.status === 500);
  });
});

describe('custom reduce: reduce limit', () => {
  const wazzap: CustomReduceFunction = () => Array.from({ length: 1000 }, () => 'wazzap');
  const oneRow = [{ key: 1, id: 'doc', value: 1 }];

  it('stores an overflow that finalizes to a reduce_overflow_error row (view_errors_test)', () => {
    const reducer = customReducer(wazzap, options);
    const acc = reducer.reduce(oneRow);
    const output = reducer.finalize(acc);
    assert.equal(output.ok, false);
    const row = toReduceRow(null, output);
    assert.deepEqual(Object.keys(row), ['key', 'error', 'reason']);
    assert.equal((row as { error: string }).error, 'reduce_overflow_error');
    const input = JSON.stringify([[[1, 'doc']], [1]]).length;
    assert.equal(
      (row as { reason: string }).reason,
      `Reduce output must shrink more rapidly: input size: ${input} output size: 9001 context: ${CONTEXT}`,
    );
  });

  it('propagates an overflow through rereduce without calling the function', () => {
    let calls = 0;
    const reducer = customReducer((keys, values) => {
      calls += 1;
      return keys === null ? 0 : wazzap(keys, values, false);
    }, options);
    const overflow = reducer.reduce(oneRow);
    calls = 0;
    const result = reducer.rereduce([{ value: 1 }, overflow, { value: 2 }]);
    assert.deepEqual(result, overflow);
    assert.equal(calls, 0);
    assert.equal(reducer.finalize(result).ok, false);
  });

  it('shows an error row with key null, whatever the group', () => {
    const output = { ok: false, error: 'reduce_overflow_error', reason: 'r' } as const;
    assert.deepEqual(toReduceRow(['a', 1], output), { key: null, error: 'reduce_overflow_error', reason: 'r' });
    assert.deepEqual(toReduceRow(['a', 1], { ok: true, value: 3 }), { key: ['a', 1], value: 3 });
  });

  it('passes outputs that shrink enough, or stay under the threshold', () => {
    const manyRows = valueRows(Array.from({ length: 3000 }, (_, i) => `value number ${i}`));
    const reducer = customReducer(wazzap, options);
    assert.ok(hasValue(reducer.reduce(manyRows)));
    const small = customReducer(() => 'x'.repeat(4990), options);
    assert.ok(hasValue(small.reduce(oneRow)));
    const big = customReducer(() => 'x'.repeat(4999), options);
    assert.ok(hasOverflow(big.reduce(oneRow)));
  });

  it('honours threshold, ratio, log and false', () => {
    assert.ok(hasValue(customReducer(wazzap, { ...options, threshold: 10_000 }).reduce(oneRow)));
    assert.ok(hasValue(customReducer(wazzap, { ...options, ratio: 0.001 }).reduce(oneRow)));
    const logged: string[] = [];
    const logging = customReducer(wazzap, { ...options, limit: 'log', log: (m) => logged.push(m) });
    assert.ok(hasValue(logging.reduce(oneRow)));
    assert.match(logged[0] ?? '', /^reduce_overflow_error: Reduce output must shrink more rapidly/);
    const silent: string[] = [];
    const off = customReducer(wazzap, { ...options, limit: 'false', log: (m) => silent.push(m) });
    assert.ok(hasValue(off.reduce(oneRow)));
    assert.equal(silent.length, 0);
  });
});

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { SUM_ERROR_REASON, type JsonValue, type ReduceRow } from '../../../views/reduce/index.js';
import { CONTEXT, integerRows, reducerFor, valueOf, valueRows } from './helpers.js';

const sum = reducerFor('_sum');
const sumOf = (values: JsonValue[]): JsonValue => valueOf(sum, sum.reduce(valueRows(values)));
const sumError = (cause: JsonValue): JsonValue => ({ error: 'builtin_reduce_error', reason: SUM_ERROR_REASON, caused_by: cause });

describe('_sum', () => {
  it('adds numbers: 2 × Σ1..500 = 250500', () => {
    assert.equal(valueOf(sum, sum.reduce(integerRows(500))), 250500);
  });

  it('adds arrays element-wise, padding with zeros, a number counting as [n] (docs example)', () => {
    const rows: ReduceRow[] = [
      { key: 'abc', id: '1', value: 2 },
      { key: 'abc', id: '2', value: [3, 5, 7] },
      { key: 'def', id: '3', value: [0, 0, 0, 42] },
      { key: 'ghi', id: '4', value: 1 },
      { key: 'ghi', id: '5', value: 3 },
    ];
    assert.deepEqual(valueOf(sum, sum.reduce(rows)), [9, 5, 7, 42]);
    const group = (key: string): JsonValue => valueOf(sum, sum.reduce(rows.filter((row) => row.key === key)));
    assert.deepEqual(group('abc'), [5, 5, 7]);
    assert.deepEqual(group('def'), [0, 0, 0, 42]);
    assert.equal(group('ghi'), 4);
  });

  it('matches the couch_query_servers unit vectors', () => {
    assert.deepEqual(sumOf([[1, 4, 6], 1]), [2, 4, 6]);
    assert.deepEqual(sumOf([[0, 3, 3], [3, 2, 4]]), [3, 5, 7]);
    assert.deepEqual(sumOf(Array.from({ length: 20 }, () => [1, 1])), [20, 20]);
  });

  it('adds objects member-wise and recursively, members sorted by name', () => {
    const x = { a: 1, b: [1, 2], c: { d: 3 }, g: 1 };
    const y = { g: 1, f: 1, c: { e: 5 }, b: 3, a: 2 };
    const z = { a: 3, b: [4, 2], c: { d: 3, e: 5 }, f: 1, g: 2 };
    for (const values of [[x, y], [y, x]]) {
      const result = sumOf(values);
      assert.deepEqual(result, z);
      assert.equal(JSON.stringify(result), JSON.stringify(z));
    }
  });

  it('turns invalid values into builtin_reduce_error with caused_by', () => {
    assert.deepEqual(sumOf([1, 'foo', 2]), sumError('foo'));
    assert.deepEqual(sumOf([true]), sumError(true));
    assert.deepEqual(sumOf([1, null]), sumError(null));
    assert.deepEqual(sumOf([[1, 2], [1, 'x']]), sumError([1, 'x']));
    assert.deepEqual(sumOf([1, { a: 1 }]), sumError({ a: 1 }));
    assert.deepEqual(sumOf([{ a: 1 }, 1]), sumError(1));
    assert.deepEqual(sumOf([{ a: 1 }, [1]]), sumError([1]));
    assert.deepEqual(sumOf([{ a: 1 }, { a: 'x' }]), sumError('x'));
  });

  it('keeps the first error and stops', () => {
    assert.deepEqual(sumOf(['first', 'second']), sumError('first'));
  });

  it('passes a lone object through unvalidated (CouchDB quirk)', () => {
    assert.deepEqual(sumOf([{ a: 'x', b: [true] }]), { a: 'x', b: [true] });
    assert.deepEqual(sumOf([1, -1, { a: 'x' }]), { a: 'x' });
  });

  it('propagates an error through rereduce unchanged', () => {
    const bad = sum.reduce(valueRows([1, 'nope']));
    const good = sum.reduce(valueRows([1, 2]));
    assert.deepEqual(valueOf(sum, sum.rereduce([good, bad, good])), sumError('nope'));
    assert.deepEqual(valueOf(sum, sum.rereduce([bad, good])), sumError('nope'));
  });

  it('propagates an emitted builtin_reduce_error object as the result', () => {
    const emitted = { error: 'builtin_reduce_error', reason: 'upstream', caused_by: 'x' };
    assert.deepEqual(sumOf([1, emitted, 2]), emitted);
    assert.deepEqual(sumOf([{ a: 1 }, { a: emitted }]), emitted);
  });

  it('reduces no rows to 0, and rereduces no parts to 0', () => {
    assert.equal(valueOf(sum, sum.reduce([])), 0);
    assert.equal(valueOf(sum, sum.rereduce([])), 0);
  });

  it('treats empty partial results as absent, so they cannot mix a 0 into object sums', () => {
    const part = sum.reduce(valueRows([{ a: 1 }]));
    assert.deepEqual(valueOf(sum, sum.rereduce([sum.reduce([]), part, sum.reduce([]), part])), { a: 2 });
  });
});

describe('_sum reduce limit (couch_query_servers_tests)', () => {
  /** 10 rows, each an object of 20 random keys with value 1: the sum barely shrinks. */
  const wideRows = (): ReduceRow[] =>
    Array.from({ length: 10 }, (_, i) => ({
      key: i,
      id: String(i),
      value: Object.fromEntries(Array.from({ length: 20 }, () => [randomBytes(16).toString('base64url'), 1])),
    }));

  it('replaces an overflowing sum by builtin_reduce_error', () => {
    const logged: string[] = [];
    const reducer = reducerFor('_sum', { log: (message) => logged.push(message) });
    const result = valueOf(reducer, reducer.reduce(wideRows()));
    assert.ok(result !== null && typeof result === 'object' && !Array.isArray(result));
    assert.equal(result['error'], 'builtin_reduce_error');
    assert.match(String(result['reason']), /^Reduce output must shrink more rapidly: input size: \d+ output size: \d+ context: /);
    assert.ok(String(result['reason']).endsWith(`context: ${CONTEXT}`));
    assert.equal(logged.length, 1);
  });

  it('checks rereduce outputs too', () => {
    const reducer = reducerFor('_sum', { limit: 'false' });
    const parts = wideRows().map((row) => reducer.reduce([row]));
    const guarded = reducerFor('_sum');
    const result = valueOf(guarded, guarded.rereduce(parts));
    assert.equal((result as { error?: string }).error, 'builtin_reduce_error');
  });

  it('passes with a generous threshold or ratio', () => {
    for (const options of [{ threshold: 1_000_000 }, { ratio: 0.1 }]) {
      const reducer = reducerFor('_sum', options);
      const result = valueOf(reducer, reducer.reduce(wideRows()));
      assert.equal(Object.keys(result as object).length, 200);
    }
  });

  it('keeps the sum and logs in log mode; keeps it silently when off', () => {
    for (const [limit, logs] of [['log', 1], ['false', 0]] as const) {
      const logged: string[] = [];
      const reducer = reducerFor('_sum', { limit, log: (message) => logged.push(message) });
      const result = valueOf(reducer, reducer.reduce(wideRows()));
      assert.equal((result as { error?: string }).error, undefined);
      assert.equal(logged.length, logs);
    }
  });

  it('leaves small outputs alone', () => {
    const reducer = reducerFor('_sum', { threshold: 0 });
    assert.equal(valueOf(reducer, reducer.reduce(valueRows([1, 2]))), 3);
  });
});

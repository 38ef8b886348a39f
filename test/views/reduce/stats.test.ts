import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SetteeError } from '../../../views/errors.js';
import type { JsonValue } from '../../../views/reduce/index.js';
import { integerRows, reducerFor, valueOf, valueRows } from './helpers.js';

const stats = reducerFor('_stats');
const statsOf = (values: JsonValue[]): JsonValue => valueOf(stats, stats.reduce(valueRows(values)));
const tuple = (sum: number, count: number, min: number, max: number, sumsqr: number) => ({ sum, count, min, max, sumsqr });

function failsWith(values: JsonValue[], reason: string): void {
  assert.throws(
    () => stats.reduce(valueRows(values)),
    (err: unknown) =>
      err instanceof SetteeError && err.status === 500 && err.error === 'invalid_value' && err.reason === reason,
  );
}

describe('_stats', () => {
  it('summarizes 500 docs × 2 emits, members in CouchDB order', () => {
    const result = valueOf(stats, stats.reduce(integerRows(500)));
    assert.deepEqual(result, tuple(250500, 1000, 1, 500, 83583500));
    assert.deepEqual(Object.keys(result as object), ['sum', 'count', 'min', 'max', 'sumsqr']);
  });

  it('matches the couch_query_servers unit vectors', () => {
    assert.deepEqual(statsOf([0, 1]), tuple(1, 2, 0, 1, 1));
    assert.deepEqual(statsOf([10, 1]), tuple(11, 2, 1, 10, 101));
    assert.deepEqual(statsOf([[7, 11, 13], [2, 3, 5]]), [
      tuple(9, 2, 2, 7, 53),
      tuple(14, 2, 3, 11, 130),
      tuple(18, 2, 5, 13, 194),
    ]);
    assert.deepEqual(statsOf([2]), tuple(2, 1, 2, 2, 4));
    assert.deepEqual(statsOf([[1, 2]]), [tuple(1, 1, 1, 1, 1), tuple(2, 1, 2, 2, 4)]);
  });

  it('accepts pre-aggregated objects, alone, mixed with numbers and inside arrays', () => {
    const pre = { sum: 10, count: 4, min: 1, max: 4, sumsqr: 30, extra: 'ignored' };
    assert.deepEqual(statsOf([pre]), tuple(10, 4, 1, 4, 30));
    assert.deepEqual(statsOf([5, pre, 0]), tuple(15, 6, 0, 5, 55));
    assert.deepEqual(statsOf([[pre, 1], [2, 3]]), [tuple(12, 5, 1, 4, 34), tuple(4, 2, 1, 3, 10)]);
  });

  it('reduces no rows to zeros', () => {
    assert.deepEqual(valueOf(stats, stats.reduce([])), tuple(0, 0, 0, 0, 0));
    assert.deepEqual(valueOf(stats, stats.rereduce([])), tuple(0, 0, 0, 0, 0));
  });

  it('skips empty parts on rereduce instead of letting their zeros into min and max', () => {
    const part = stats.reduce(valueRows([5, 7]));
    assert.deepEqual(valueOf(stats, stats.rereduce([stats.reduce([]), part])), tuple(12, 2, 5, 7, 74));
  });

  it('throws invalid_value for a non-numeric first value', () => {
    failsWith(['foo'], 'non-numeric _stats input: <<"foo">>');
    failsWith([null, 1], 'non-numeric _stats input: null');
    failsWith([[1, true]], 'non-numeric _stats input: true');
  });

  it('throws invalid_value for a later non-numeric value', () => {
    const message = (term: string) =>
      `The _stats function requires that map values be numbers or arrays of numbers, not '${term}'`;
    failsWith([1, 'foo'], message('<<"foo">>'));
    failsWith([1, [1, 2]], message('[1,2]'));
    failsWith([[1, 2], 3], message('{3,1,3,3,9}'));
    failsWith([[1, 2], [1, 2, 3]], message('[1,2,3]'));
    failsWith([[1], [{ a: 1 }]], 'user _stats input missing required field sum ([{<<"a">>,1}])');
  });

  it('throws invalid_value for bad pre-aggregated objects', () => {
    failsWith(
      [{ count: 1, min: 1, max: 1, sumsqr: 1 }],
      'user _stats input missing required field sum ([{<<"count">>,1},{<<"min">>,1},{<<"max">>,1},{<<"sumsqr">>,1}])',
    );
    failsWith([1, { sum: 1, count: 'one', min: 1, max: 1, sumsqr: 1 }], 'non-numeric _stats input received for count: <<"one">>');
    failsWith([{ sum: 1.5, count: 1, min: 1, max: 1, sumsqr: null }], 'non-numeric _stats input received for sumsqr: null');
  });

  it('throws on rereduce of parts with different shapes', () => {
    const scalar = stats.reduce(valueRows([1]));
    const array = stats.reduce(valueRows([[1]]));
    assert.throws(() => stats.rereduce([scalar, array]), { error: 'invalid_value' });
  });
});

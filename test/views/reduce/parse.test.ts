import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SetteeError } from '../../../views/errors.js';
import { parseReduceSource } from '../../../views/reduce/index.js';

function rejects(source: string, reason: string): void {
  assert.throws(
    () => parseReduceSource(source),
    (err: unknown) =>
      err instanceof SetteeError && err.status === 400 && err.error === 'invalid_design_doc' && err.reason === reason,
  );
}

describe('parseReduceSource', () => {
  it('selects each built-in by its exact name', () => {
    for (const name of ['_sum', '_count', '_stats', '_approx_count_distinct', '_first', '_last'] as const) {
      assert.deepEqual(parseReduceSource(name), { kind: 'builtin', name });
    }
  });

  it('ignores trailing characters after a built-in name (reduce_builtin_test)', () => {
    assert.deepEqual(parseReduceSource('_sum\n'), { kind: 'builtin', name: '_sum' });
    assert.deepEqual(parseReduceSource('_sum '), { kind: 'builtin', name: '_sum' });
    assert.deepEqual(parseReduceSource('_statsorama'), { kind: 'builtin', name: '_stats' });
    assert.deepEqual(parseReduceSource('_count\nare\nawesome'), { kind: 'builtin', name: '_count' });
    assert.deepEqual(parseReduceSource('_approx_count_distinctive'), {
      kind: 'builtin',
      name: '_approx_count_distinct',
    });
  });

  it('parses rank reducers with N in 1..100', () => {
    assert.deepEqual(parseReduceSource('_top_3'), { kind: 'rank', dir: 'top', n: 3 });
    assert.deepEqual(parseReduceSource('_bottom_1'), { kind: 'rank', dir: 'bottom', n: 1 });
    assert.deepEqual(parseReduceSource('_top_100'), { kind: 'rank', dir: 'top', n: 100 });
    assert.deepEqual(parseReduceSource('_bottom_007'), { kind: 'rank', dir: 'bottom', n: 7 });
  });

  it('rejects unknown underscore names with CouchDB’s reason', () => {
    rejects('_random_junk', '`_random_junk` is not a supported reduce function.');
    rejects('_', '`_` is not a supported reduce function.');
    rejects('_su', '`_su` is not a supported reduce function.');
  });

  it('rejects a non-integer rank', () => {
    rejects('_top_Foo', 'invalid rank reducer');
    rejects('_bottom_Foo', 'invalid rank reducer');
    rejects('_top_', 'invalid rank reducer');
    rejects('_top_3 ', 'invalid rank reducer');
    rejects('_top_1.5', 'invalid rank reducer');
  });

  it('rejects a rank outside 1..100', () => {
    rejects('_top_0', 'rank value must be between 1 and 100');
    rejects('_top_101', 'rank value must be between 1 and 100');
    rejects('_bottom_-1', 'rank value must be between 1 and 100');
    rejects('_top_99999999999999999999999', 'rank value must be between 1 and 100');
  });

  it('treats anything not starting with an underscore as custom JavaScript', () => {
    const source = 'function (keys, values) { return sum(values); }';
    assert.deepEqual(parseReduceSource(source), { kind: 'custom', source });
    assert.deepEqual(parseReduceSource(' _sum'), { kind: 'custom', source: ' _sum' });
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inRange, integerRows, reducerFor, valueOf, valueRows } from './helpers.js';

describe('_count', () => {
  const count = reducerFor('_count');
  const rows = integerRows(500);

  it('counts rows: 1000 for 500 docs × 2 emits', () => {
    assert.equal(valueOf(count, count.reduce(rows)), 1000);
  });

  it('counts key ranges: 4..4 → 2, 4..5 → 4, 4..6 → 6', () => {
    assert.equal(valueOf(count, count.reduce(inRange(rows, 4, 4))), 2);
    assert.equal(valueOf(count, count.reduce(inRange(rows, 4, 5))), 4);
    assert.equal(valueOf(count, count.reduce(inRange(rows, 4, 6))), 6);
  });

  it('ignores values, null included', () => {
    assert.equal(valueOf(count, count.reduce(valueRows([null, 'x', { a: 1 }]))), 3);
  });

  it('rereduces by adding counts', () => {
    assert.equal(valueOf(count, count.rereduce([3, 0, 4])), 7);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonValue } from '../../../views/reduce/index.js';
import { inRange, integerRows, reducerFor, valueOf, valueRows } from './helpers.js';

describe('_top_N / _bottom_N', () => {
  const rows = integerRows(500);
  const top3 = reducerFor('_top_3');
  const bottom3 = reducerFor('_bottom_3');

  it('gives the N largest distinct values descending, the N smallest ascending', () => {
    assert.deepEqual(valueOf(top3, top3.reduce(rows)), [500, 499, 498]);
    assert.deepEqual(valueOf(bottom3, bottom3.reduce(rows)), [1, 2, 3]);
  });

  it('gives fewer when the range holds fewer distinct values', () => {
    assert.deepEqual(valueOf(top3, top3.reduce(inRange(rows, 4, 5))), [5, 4]);
    assert.deepEqual(valueOf(bottom3, bottom3.reduce(inRange(rows, 4, 5))), [4, 5]);
    for (const key of [1, 2, 3]) assert.deepEqual(valueOf(top3, top3.reduce(inRange(rows, key, key))), [key]);
  });

  it('rereduces partial lists', () => {
    const parts = [rows.slice(0, 700), rows.slice(700, 990), rows.slice(990)].map((part) => top3.reduce(part));
    assert.deepEqual(valueOf(top3, top3.rereduce(parts)), [500, 499, 498]);
    assert.deepEqual(valueOf(top3, top3.rereduce([])), []);
  });

  it('orders by the given comparator and keeps the first of values it calls equal', () => {
    const caseless = (a: JsonValue, b: JsonValue) => String(a).toLowerCase().localeCompare(String(b).toLowerCase());
    const top = reducerFor('_top_2', { compare: caseless });
    const bottom = reducerFor('_bottom_2', { compare: caseless });
    const values = valueRows(['b', 'B', 'a', 'c', 'C']);
    assert.deepEqual(valueOf(top, top.reduce(values)), ['c', 'b']);
    assert.deepEqual(valueOf(bottom, bottom.reduce(values)), ['a', 'b']);
  });

  it('ranks any JSON values by collation', () => {
    const bottom = reducerFor('_bottom_4');
    const values = valueRows([{ a: 1 }, 'x', [1], 2, null, true, 2]);
    assert.deepEqual(valueOf(bottom, bottom.reduce(values)), [null, true, 2, 'x']);
  });
});

describe('_first / _last', () => {
  const rows = integerRows(500);
  const first = reducerFor('_first');
  const last = reducerFor('_last');

  it('gives the first and last row’s value', () => {
    assert.equal(valueOf(first, first.reduce(rows)), 1);
    assert.equal(valueOf(last, last.reduce(rows)), 500);
    assert.equal(valueOf(first, first.reduce(inRange(rows, 4, 6))), 4);
    assert.equal(valueOf(last, last.reduce(inRange(rows, 4, 6))), 6);
  });

  it('remembers key and id so partial results are self-describing', () => {
    assert.deepEqual(first.reduce(rows.slice(2)), { key: 2, id: '2', value: 2 });
  });

  it('rereduces by position, skipping empty parts', () => {
    const parts = [[], rows.slice(0, 10), [], rows.slice(10), []].map((part) => first.reduce(part));
    assert.equal(valueOf(first, first.rereduce(parts)), 1);
    const lastParts = [[], rows.slice(0, 10), rows.slice(10), []].map((part) => last.reduce(part));
    assert.equal(valueOf(last, last.rereduce(lastParts)), 500);
    assert.equal(valueOf(first, first.rereduce([first.reduce([])])), null);
  });
});

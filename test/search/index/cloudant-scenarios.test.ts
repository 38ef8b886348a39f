/** The reference's §6.1 (search_test.exs) scenarios, over the index without HTTP. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, openIndex, put } from './fixture.js';

const FRUITS = [
  ['apple', 'kitchen', 'new', 0.99],
  ['banana', 'kitchen', 'new', 1.49],
  ['carrot', 'kitchen', 'old', 0.75],
  ['date', 'lobby', 'unknown', 1.25],
] as const;

let fixture: Awaited<ReturnType<typeof openIndex>>;
before(async () => {
  fixture = await openIndex(
    FRUITS.map(([item, place, state, price], i) =>
      put(`doc${i}`, call('item', item, { facet: true, store: true }), call('place', place, { facet: true }), call('state', state, { facet: true }), call('price', price, { facet: true })),
    ),
  );
});
after(() => fixture.store.close());

const items = (params: Record<string, unknown>) => fixture.query(params).rows.map((row) => row.fields.item).sort();

test('all items', () => {
  assert.deepEqual(items({ q: '*:*' }), ['apple', 'banana', 'carrot', 'date']);
  assert.equal(fixture.query({ q: '*:*' }).total_rows, 4);
});

test('drilldown: one key, several values, several keys, list of lists', () => {
  assert.deepEqual(items({ q: '*:*', drilldown: ['place', 'kitchen'] }), ['apple', 'banana', 'carrot']);
  assert.deepEqual(items({ q: '*:*', drilldown: ['state', 'new', 'unknown'] }), ['apple', 'banana', 'date']);
  assert.deepEqual(items({ q: '*:*', drilldown: [['state', 'old'], ['item', 'apple']] }), []);
  assert.deepEqual(items({ q: '*:*', drilldown: [['place', 'kitchen'], ['state', 'new'], ['item', 'apple']] }), ['apple']);
  assert.deepEqual(items({ q: '*:*', drilldown: [['state', 'old', 'new'], ['item', 'apple']] }), ['apple']);
});

test('counts over all matches, and empty counts', () => {
  assert.deepEqual(fixture.query({ q: '*:*', limit: 0, counts: ['place'] }).counts, { place: { kitchen: 3, lobby: 1 } });
  assert.deepEqual(fixture.query({ q: 'item:tomato', limit: 0, counts: ['place'] }).counts, { place: {} });
});

test('ranges, and empty ranges', () => {
  const ranges = { price: { cheap: '[0 TO 0.99]', expensive: '[1.00 TO Infinity]' } };
  assert.deepEqual(fixture.query({ q: '*:*', limit: 0, ranges }).ranges, { price: { cheap: 2, expensive: 2 } });
  assert.deepEqual(fixture.query({ q: '*:*', limit: 0, ranges: { price: {} } }).ranges, { price: {} });
});

test('group search', () => {
  const { total_rows, groups } = fixture.query({ q: '*:*', group_field: 'state' });
  assert.equal(total_rows, 4);
  assert.deepEqual(
    groups.map((group) => [group.by, group.total_rows]).sort(),
    [['new', 2], ['old', 1], ['unknown', 1]],
  );
});

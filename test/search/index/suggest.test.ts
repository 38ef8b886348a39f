/** The FlexSearch suggester over `suggest: true` fields: prefixes, typos, updates, rebuilds. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnalyzerSpec } from '../../../search/analysis/index.js';
import { SearchIndex } from '../../../search/index/index.js';
import { call, del, openTestStore, put } from './fixture.js';

const TITLES: Array<[string, string]> = [
  ['hello', 'Hello World'],
  ['rings', 'The Lord of the Rings'],
  ['potter', 'Harry Potter and the Philosopher Stone'],
  ['jim', 'Lord Jim'],
  ['wisdom', 'Worldly wisdom'],
  ['heli', 'Helicopter parenting'],
];

const titled = (id: string, title: string) => put(id, call('title', title, { store: true, suggest: true }), call('body', `${title} body text`));

test('suggest: unfinished words, several words, typos; updates and deletions; rebuilt on open', async () => {
  const store = await openTestStore();
  try {
    const tables = store.tables('s');
    const index = new SearchIndex(tables, parseAnalyzerSpec('standard'));
    await store.store.write(() => index.apply(TITLES.map(([id, title]) => titled(id, title)), 6));
    const ids = (q: string, limit = 10) => index.suggest(q, limit).rows.map((row) => row.id);
    assert.deepEqual(ids('hel').sort(), ['heli', 'hello']);
    assert.equal(ids('lord rin')[0], 'rings');
    assert.ok(ids('lrod').includes('jim'));
    assert.ok(ids('wrld').includes('hello'));
    assert.deepEqual(ids('lord', 1).length, 1);
    assert.deepEqual(index.suggest('potter', 5).rows, [{ id: 'potter', fields: { title: 'Harry Potter and the Philosopher Stone' } }]);

    await store.store.write(() => index.apply([titled('hello', 'Goodbye World'), del('heli'), put('wisdom', call('title', 'Worldly wisdom', { store: true }))], 9));
    assert.deepEqual(ids('hel'), []);
    assert.deepEqual(ids('goodb'), ['hello']);
    assert.deepEqual(ids('worldly'), []);

    const reopened = new SearchIndex(tables, parseAnalyzerSpec('standard'));
    assert.deepEqual(reopened.suggest('goodb', 10).rows.map((row) => row.id), ['hello']);
    assert.deepEqual(reopened.suggest('hel', 10).rows, []);
  } finally {
    await store.close();
  }
});

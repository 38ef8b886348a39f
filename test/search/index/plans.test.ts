/** Plans run directly against the writer's tables, without the query parser. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyChanges } from '../../../search/index/writer.js';
import { IndexReader } from '../../../search/index/reader.js';
import { execute } from '../../../search/index/execute.js';
import { call, openTestStore, put, del, standardAnalyzer } from './fixture.js';

test('plans over written documents: term, all, numeric range, phrase, prefix; after updates and deletes', async () => {
  const t = await openTestStore();
  try {
    const tables = t.tables('s');
    const analyzer = standardAnalyzer();
    await t.store.write(() => applyChanges(tables, analyzer, [put('a', call('default', 'red apple')), put('b', call('default', 'green apple pie')), put('c', call('n', 3))], 3));
    const reader = new IndexReader(tables);
    const run = (plan: Parameters<typeof execute>[0]) => { const r = new IndexReader(tables); const h = execute(plan, { reader: r, matched: new Map() }); return [...h.docs].map((d) => r.idOf(d)); };
    assert.deepEqual(run({ kind: 'term', field: 'default', term: 'apple', boost: 1 }), ['a', 'b']);
    assert.deepEqual(run({ kind: 'all', boost: 1 }), ['a', 'b', 'c']);
    assert.deepEqual(run({ kind: 'numericRange', field: 'n', lower: 1, upper: 3, includeLower: true, includeUpper: true, boost: 1 }), ['c']);
    assert.deepEqual(run({ kind: 'phrase', field: 'default', terms: [{ term: 'apple', position: 0 }, { term: 'pie', position: 1 }], slop: 0, boost: 1 }), ['b']);
    assert.equal(reader.docCount(), 3);
    await t.store.write(() => applyChanges(tables, analyzer, [del('a'), put('b', call('default', 'banana'))], 5));
    assert.deepEqual(run({ kind: 'term', field: 'default', term: 'apple', boost: 1 }), []);
    assert.deepEqual(run({ kind: 'prefix', field: 'default', prefix: 'ban', boost: 1 }), ['b']);
    assert.equal(new IndexReader(tables).docCount(), 2);
  } finally {
    await t.close();
  }
});

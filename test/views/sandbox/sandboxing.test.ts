/** Ports view_sandboxing_test.exs (§8.12) and the deep-freeze rule of §1.4. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapRows, mapSandbox, rowsOf } from './helpers.js';

describe('sandboxing (view_sandboxing_test)', () => {
  it('a map cannot modify the document: emits integer 1, or nothing', () => {
    const rows = mapRows('function(doc) { doc.integer = 2; emit(null, doc); }', [{ _id: 'foo', integer: 1, string: '1' }]);
    assert.ok(rows.length <= 1);
    for (const [, value] of rows) assert.equal((value as { integer: number }).integer, 1);
  });

  it('a strict-mode map that writes to the document throws and emits nothing', () => {
    const sandbox = mapSandbox({ v: 'function(doc) { "use strict"; doc.integer = 2; emit(null, doc); }' });
    const [result] = sandbox.runMap([{ _id: 'foo', integer: 1 }]);
    assert.deepEqual(result?.rows, [[]]);
    assert.equal(result?.errors[0]?.error, 'TypeError');
  });

  it('assigning inherited names (toString, constructor) to the frozen document is ignored too', () => {
    const rows = mapRows('function(doc) { doc.toString = 1; doc.constructor = 2; (5).toString = 3; emit(typeof doc.toString, doc.constructor === Object); }', [{ _id: 'x' }]);
    assert.deepEqual(rows, [['function', true]]);
  });

  it('nested members are frozen too', () => {
    const rows = mapRows('function(doc) { doc.a.b.push(3); doc.a.c = 1; emit(doc._id, doc.a); }', [{ _id: 'x', a: { b: [1, 2] } }]);
    assert.deepEqual(rows, []);
  });

  for (const internal of ['gc()', 'map_funs', 'map_results', 'Couch', 'State']) {
    it(`query-server internals are not reachable: ${internal} throws, no rows`, () => {
      const sandbox = mapSandbox({ v: `function(doc) { emit(null, ${internal}); }` });
      const [result] = sandbox.runMap([{ _id: 'foo' }]);
      assert.deepEqual(result?.rows, [[]]);
      assert.equal(result?.errors[0]?.error, 'ReferenceError');
    });
  }

  it('COUCHDB-925: one view mutating documents does not change what another view sees', () => {
    const sandbox = mapSandbox({
      view1: `function(doc) {
        if (doc.values) { doc.values = [666]; }
        if (doc.tags) { doc.tags.push("qwerty"); }
        if (doc.tokens) { doc.tokens["c"] = 3; }
      }`,
      view2: `function(doc) {
        if (doc.values) { emit(doc._id, doc.values); }
        if (doc.tags) { emit(doc._id, doc.tags); }
        if (doc.tokens) { emit(doc._id, doc.tokens); }
      }`,
    });
    const results = sandbox.runMap([
      { _id: 'doc1', values: [1, 2, 3] },
      { _id: 'doc2', tags: ['foo', 'bar'], tokens: { a: 1, b: 2 } },
    ]);
    assert.deepEqual(rowsOf(results, 0), []);
    const rows = rowsOf(results, 1);
    assert.deepEqual(rows.map(([key]) => key), ['doc1', 'doc2', 'doc2']);
    assert.deepEqual(rows[0]?.[1], [1, 2, 3]);
    assert.deepEqual(
      rows.slice(1).map(([, value]) => value),
      [['foo', 'bar'], { a: 1, b: 2 }],
    );
  });

  it('the globals CouchDB documents are there and behave like it', () => {
    const rows = mapRows(
      `function(doc) {
        emit('sum', sum([1, 2, 3]));
        emit('isArray', [isArray([]), isArray({length: 0}), isArray('x')]);
        emit('toJSON', toJSON({a: [1]}));
        emit('JSON', JSON.parse('{"b":2}'));
        emit('typeof log', typeof log);
      }`,
      [{ _id: 'x' }],
    );
    assert.deepEqual(rows, [
      ['sum', 6],
      ['isArray', [true, false, false]],
      ['toJSON', '{"a":[1]}'],
      ['JSON', { b: 2 }],
      ['typeof log', 'function'],
    ]);
  });

  it('Node globals are absent', () => {
    const names = ['process', 'require', 'Buffer', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'fetch', 'console', 'global', 'module', 'exports', 'WebAssembly', 'FinalizationRegistry'];
    const rows = mapRows(`function(doc) { ${JSON.stringify(names)}.forEach(function (n) { emit(n, typeof globalThis[n]); }); }`, [{ _id: 'x' }]);
    assert.deepEqual(rows, names.map((name) => [name, 'undefined']));
  });
});

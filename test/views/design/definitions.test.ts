/** Reading views, lib and indexes out of a design document, and compiling them. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sandboxSpec, validateDesignDoc, viewDefinitions, viewsLib } from '../../../views/design/index.js';
import { Sandbox } from '../../../views/sandbox/index.js';

describe('design document definitions', () => {
  const ddoc = validateDesignDoc({
    _id: '_design/test',
    views: {
      lib: { foo: { boom: "exports.boom = 'ok';" } },
      commonjs: { map: "function (doc) { emit(null, require('views/lib/foo/boom').boom); }" },
      all_docs_twice: { map: 'function (doc) { emit(doc.integer, null); emit(doc.integer, null); }' },
      summate: { map: 'function (doc) { emit(doc.integer, doc.integer); }', reduce: 'function (keys, values) { return sum(values); }' },
    },
    indexes: { people: { index: 'function (doc) { index("default", doc.string); }' }, odd: 'x' },
  });

  it('lists views without lib, in document order', () => {
    assert.deepEqual(viewDefinitions(ddoc).map(([name]) => name), ['commonjs', 'all_docs_twice', 'summate']);
    assert.deepEqual(viewsLib(ddoc), { foo: { boom: "exports.boom = 'ok';" } });
  });

  it('builds a sandbox spec that runs the design_docs suite cases', () => {
    const spec = sandboxSpec(ddoc);
    assert.deepEqual(spec.maps?.map((m) => m.name), ['commonjs', 'all_docs_twice', 'summate']);
    assert.deepEqual(spec.indexes?.map((i) => i.name), ['people']);
    const sandbox = new Sandbox(spec);
    const [result] = sandbox.runMap([{ _id: '1', integer: 1, string: '1' }]);
    assert.deepEqual(result?.rows, [[[null, 'ok']], [[1, null], [1, null]], [[1, 1]]]);
    const summate = sandbox.compileReduce((ddoc.views?.summate as { reduce: string }).reduce, { view: 'summate' });
    assert.equal(summate([[1, '1'], [2, '2']], [1, 2], false), 3);
    assert.deepEqual(sandbox.runIndex([{ _id: '1', string: 'one' }])[0]?.fields[0]?.map((f) => f.value), ['one']);
  });

  it('other languages compile nothing', () => {
    assert.deepEqual(sandboxSpec({ language: 'erlang', views: { v: { map: 'x' } } }).maps, []);
  });
});

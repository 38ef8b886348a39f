/** Search index functions: `index(field, value, options)` (search reference §1.1). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Sandbox } from '../../../views/sandbox/index.js';

function indexFields(source: string, doc: object = { _id: 'a' }) {
  const sandbox = new Sandbox({ indexes: [{ name: 'idx', source }] });
  const [result] = sandbox.runIndex([doc]);
  return { fields: result?.fields[0] ?? [], errors: result?.errors ?? [] };
}

const DEFAULTS = { store: false, index: 'analyzed', facet: false, boost: 1 };

describe('index()', () => {
  it('records each call with Cloudant defaults', () => {
    const { fields } = indexFields('function (doc) { index("default", doc.title); index("n", doc.n); }', { _id: 'a', title: 'Hello', n: 3 });
    assert.deepEqual(fields, [
      { field: 'default', value: 'Hello', ...DEFAULTS },
      { field: 'n', value: 3, ...DEFAULTS },
    ]);
  });

  it('booleans become "true"/"false", not analysed', () => {
    const { fields } = indexFields('function (doc) { index("flag", true); index("off", false, {index: true}); }');
    assert.deepEqual(fields, [
      { field: 'flag', value: 'true', ...DEFAULTS, index: 'not_analyzed' },
      { field: 'off', value: 'false', ...DEFAULTS, index: 'not_analyzed' },
    ]);
  });

  it('normalises options: store yes/true, index modes, facet, boost', () => {
    const { fields } = indexFields(`function (doc) {
      index("a", "x", {store: true, facet: true, boost: 2.5});
      index("b", "x", {store: "YES", index: "Not_Analyzed"});
      index("c", "x", {store: "no", index: false, boost: "high"});
      index("d", "x", {index: "whatever"});
      index("e", "x", null);
    }`);
    assert.deepEqual(
      fields.map(({ field, store, index, facet, boost }) => [field, store, index, facet, boost]),
      [
        ['a', true, 'analyzed', true, 2.5],
        ['b', true, 'not_analyzed', false, 1],
        ['c', false, 'no', false, 1],
        ['d', false, 'analyzed', false, 1],
        ['e', false, 'analyzed', false, 1],
      ],
    );
  });

  for (const [call, error, message] of [
    ['index(1, "x")', 'TypeError', 'name must be a string not number'],
    ['index("_id", "x")', 'ReservedName', 'name must not start with an underscore'],
    ['index("a", {})', 'TypeError', 'value must be a string, a number or boolean not object'],
    ['index("a", "x", "opts")', 'TypeError', 'options must be an object not string'],
  ] as const) {
    it(`${call} throws ${error}, and the document contributes no fields at all`, () => {
      const { fields, errors } = indexFields(`function (doc) { index("first", "kept?"); ${call}; }`);
      assert.deepEqual(fields, []);
      assert.deepEqual(
        errors.map((e) => [e.view, e.error, e.message]),
        [['idx', error, message]],
      );
    });
  }

  it('several indexes of one design document get their own field lists', () => {
    const sandbox = new Sandbox({
      indexes: [
        { name: 'one', source: 'function (doc) { index("a", doc.a); }' },
        { name: 'two', source: 'function (doc) { if (doc.b) index("b", doc.b); }' },
      ],
    });
    const results = sandbox.runIndex([{ _id: 'x', a: 'A', b: 'B' }, { _id: 'y', a: 'A2' }]);
    assert.deepEqual(
      results.map((r) => r.fields.map((list) => list.map((f) => f.value))),
      [[['A'], ['B']], [['A2'], []]],
    );
    assert.deepEqual(sandbox.indexes, ['one', 'two']);
  });

  it('index functions cannot emit, map functions cannot index', () => {
    const sandbox = new Sandbox({
      maps: [{ name: 'v', source: 'function (doc) { index("a", "x"); emit(1, 1); }' }],
      indexes: [{ name: 'i', source: 'function (doc) { emit(1, 1); index("a", "x"); }' }],
    });
    assert.deepEqual(sandbox.runMap([{ _id: 'a' }])[0]?.rows, [[[1, 1]]]);
    assert.deepEqual(sandbox.runIndex([{ _id: 'a' }])[0]?.fields[0]?.map((f) => f.field), ['a']);
  });
});

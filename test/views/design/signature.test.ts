/** Per-view and per-search-index signatures: they change iff a relevant field changes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { searchIndexSignature, viewSignature, type DesignDoc } from '../../../views/design/index.js';

const BASE: DesignDoc = {
  _id: '_design/app',
  _rev: '1-aaa',
  language: 'javascript',
  options: { include_design: false },
  views: {
    lib: { util: 'exports.f = 1;' },
    a: { map: 'function (doc) { emit(doc.a, 1); }', reduce: '_sum' },
    b: { map: 'function (doc) { emit(doc.b, 1); }' },
  },
  indexes: { people: { index: 'function (doc) { index("name", doc.name); }', analyzer: 'standard' } },
  validate_doc_update: 'function () {}',
  autoupdate: true,
};

type Edit = (doc: Record<string, unknown>) => void;
const views = (doc: Record<string, unknown>) => doc.views as Record<string, Record<string, unknown>>;

function edited(edit: Edit): DesignDoc {
  const doc = structuredClone(BASE) as Record<string, unknown>;
  edit(doc);
  return doc as DesignDoc;
}

describe('viewSignature', () => {
  it('is 64 hex digits and stable', () => {
    assert.match(viewSignature(BASE, 'a'), /^[0-9a-f]{64}$/);
    assert.equal(viewSignature(BASE, 'a'), viewSignature(structuredClone(BASE), 'a'));
    assert.notEqual(viewSignature(BASE, 'a'), viewSignature(BASE, 'b'));
  });

  const relevant: Array<[string, Edit]> = [
    ['map source', (d) => void (views(d).a!.map = 'function (doc) { emit(doc.a, 2); }')],
    ['reduce source', (d) => void (views(d).a!.reduce = '_count')],
    ['reduce removed', (d) => void delete views(d).a!.reduce],
    ['view options', (d) => void (views(d).a!.options = { collation: 'raw' })],
    ['design options', (d) => void (d.options = { include_design: true })],
    ['language', (d) => void (d.language = 'coffeescript')],
    ['views.lib', (d) => void (views(d).lib = { util: 'exports.f = 2;' })],
  ];
  for (const [label, edit] of relevant) {
    it(`changes when the ${label} changes`, () => {
      assert.notEqual(viewSignature(edited(edit), 'a'), viewSignature(BASE, 'a'));
    });
  }

  const irrelevant: Array<[string, Edit]> = [
    ['_id', (d) => void (d._id = '_design/other')],
    ['_rev', (d) => void (d._rev = '2-bbb')],
    ['validate_doc_update', (d) => void (d.validate_doc_update = 'function (n) { throw 1; }')],
    ['autoupdate', (d) => void (d.autoupdate = false)],
    ['search indexes', (d) => void (d.indexes = {})],
    ['another view', (d) => void (views(d).b!.map = 'function (doc) { emit(null); }')],
    ['a new view', (d) => void (views(d).c = { map: 'function (doc) {}' })],
    ['member order', (d) => void (views(d).a = { reduce: '_sum', map: 'function (doc) { emit(doc.a, 1); }' })],
  ];
  for (const [label, edit] of irrelevant) {
    it(`does not change when the ${label} changes`, () => {
      assert.equal(viewSignature(edited(edit), 'a'), viewSignature(BASE, 'a'));
    });
  }

  it('changing view a rebuilds only a: b keeps its signature', () => {
    const doc = edited((d) => void (views(d).a!.map = 'function (doc) { emit(doc.z); }'));
    assert.notEqual(viewSignature(doc, 'a'), viewSignature(BASE, 'a'));
    assert.equal(viewSignature(doc, 'b'), viewSignature(BASE, 'b'));
  });

  it('no language is the same as "javascript"', () => {
    assert.equal(viewSignature(edited((d) => void delete d.language), 'a'), viewSignature(BASE, 'a'));
  });

  it('a missing view (or lib) is 404 missing_named_view', () => {
    for (const name of ['nope', 'lib', 'toString']) {
      assert.throws(() => viewSignature(BASE, name), { status: 404, error: 'not_found', reason: 'missing_named_view' });
    }
  });
});

describe('searchIndexSignature', () => {
  const signature = (doc: DesignDoc) => searchIndexSignature(doc, 'people');
  const indexes = (d: Record<string, unknown>) => d.indexes as Record<string, Record<string, unknown>>;

  it('changes with the index function and the analyzer, nothing else', () => {
    assert.match(signature(BASE), /^[0-9a-f]{64}$/);
    assert.notEqual(signature(edited((d) => void (indexes(d).people!.index = 'function (doc) {}'))), signature(BASE));
    assert.notEqual(signature(edited((d) => void (indexes(d).people!.analyzer = 'keyword'))), signature(BASE));
    assert.equal(signature(edited((d) => void (views(d).a!.map = 'function (doc) {}'))), signature(BASE));
    assert.equal(signature(edited((d) => void (d.options = { partitioned: false }))), signature(BASE));
  });

  it('no analyzer is the same as "standard"', () => {
    assert.equal(signature(edited((d) => void delete indexes(d).people!.analyzer)), signature(BASE));
  });

  it('a missing index is 404; one without a function is invalid_design_doc', () => {
    assert.throws(() => searchIndexSignature(BASE, 'nope'), { status: 404, reason: 'nope not found.' });
    const broken = edited((d) => void (indexes(d).people = { analyzer: 'standard' }));
    assert.throws(() => signature(broken), { status: 400, error: 'invalid_design_doc', reason: 'index `people` must have parameter `index`' });
  });
});

/**
 * design_docs / design_options (reference §1, §6.5, §8.15): emits per doc, shared
 * reduce results, CommonJS in map functions, the default language, validation errors
 * when a design document is saved, 404s for missing views and deleted design documents.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../../engine/index.js';
import { designDoc, keysOf, makeDocs, openSettee, rejectsWith, save, summate, valuesOf, type LibraryFixture, type ViewResponse } from './helpers.js';

const SUM = 'function(keys, values) { return sum(values); }';

let fixture: LibraryFixture;
before(async () => {
  fixture = await openSettee();
});
after(() => fixture.close());

describe('design_docs: views over docs 1..1000', () => {
  let db: Database;
  before(async () => {
    db = await fixture.freshDb();
    await save(db, [
      designDoc('test', {
        all_docs_twice: { map: 'function(doc) { emit(doc.integer, null); emit(doc.integer, null); }' },
        no_docs: { map: 'function(doc) {}' },
        single_doc: { map: 'function(doc) { if (doc._id === "1") { emit(1, null); } }' },
        summate: { map: 'function(doc) { emit(doc.integer, doc.integer); }', reduce: SUM },
        summate2: { map: 'function(doc) { emit(doc.integer, doc.integer); }', reduce: SUM },
      }),
      ...makeDocs(1, 1000),
    ]);
  });

  it('every emit is its own row: all_docs_twice has rows 2x and 2x+1 with key x+1, total_rows 2000', async () => {
    const result = await db.view<ViewResponse>('test/all_docs_twice');
    assert.equal(result.total_rows, 2000);
    assert.equal(result.rows.length, 2000);
    for (let x = 0; x < 1000; x++) {
      assert.equal(result.rows[2 * x]!.key, x + 1);
      assert.equal(result.rows[2 * x + 1]!.key, x + 1);
    }
  });

  it('a map function that emits nothing gives total_rows 0; one emit gives total_rows 1', async () => {
    assert.equal((await db.view<ViewResponse>('test/no_docs')).total_rows, 0);
    assert.equal((await db.view<ViewResponse>('test/single_doc')).total_rows, 1);
  });

  it('summate reduces the whole view to Σ1..1000 = 500500', async () => {
    assert.deepEqual((await db.view<ViewResponse>('test/summate')).rows, [{ key: null, value: 500500 }]);
  });

  it('summate over 4..4, 4..5, 4..6 gives 4, 9, 15, with startkey/endkey and start_key/end_key alike', async () => {
    for (const [endkey, expected] of [[4, 4], [5, 9], [6, 15]] as const) {
      assert.deepEqual(valuesOf(await db.view<ViewResponse>('test/summate', { startkey: 4, endkey })), [expected]);
      assert.deepEqual(valuesOf(await db.view<ViewResponse>('test/summate', { start_key: 4, end_key: endkey })), [expected]);
    }
  });

  it('a view with identical source (summate2) returns the same reduce values', async () => {
    assert.deepEqual(valuesOf(await db.view<ViewResponse>('test/summate2', { startkey: 4, endkey: 6 })), [15]);
  });

  it('startkey=30x&endkey=500-30x reduces to Σ1..(500-30x) − Σ1..(30x-1)', async () => {
    for (let x = 1; 30 * x <= 250; x++) {
      const result = await db.view<ViewResponse>('test/summate', { startkey: 30 * x, endkey: 500 - 30 * x });
      assert.deepEqual(valuesOf(result), [summate(500 - 30 * x) - summate(30 * x - 1)], `x=${x}`);
    }
  });
});

describe('design documents: language, CommonJS, design options', () => {
  it('a design document without "language" is JavaScript', async () => {
    const db = await fixture.freshDb();
    await save(db, [{ _id: '_design/nolang', views: { v: { map: 'function(doc) { emit(doc._id, 1); }' } } }, { _id: 'x' }]);
    assert.deepEqual(keysOf(await db.view<ViewResponse>('nolang/v')), ['x']);
  });

  it("map functions can require('views/lib/...') modules from views.lib", async () => {
    const db = await fixture.freshDb();
    await save(db, [
      designDoc('lib', {
        lib: { foo: { boom: "exports.boom = 'ok';" } },
        commonjs: { map: "function(doc) { emit(null, require('views/lib/foo/boom').boom); }" },
      }),
      ...makeDocs(1, 3),
    ]);
    const result = await db.view<ViewResponse>('lib/commonjs');
    assert.equal(result.rows[0]!.value, 'ok');
    assert.equal(result.total_rows, 3);
  });

  it('views.lib is not a view: querying it is a 404 missing_named_view', async () => {
    const db = await fixture.freshDb();
    await save(db, [designDoc('lib', { lib: { foo: { boom: "exports.boom = 'ok';" } }, v: { map: 'function(doc) { emit(1, 1); }' } })]);
    await rejectsWith(db.view('lib/lib'), { status: 404, error: 'not_found', reason: 'missing_named_view' });
  });

  it('options.include_design=true passes design documents to map functions', async () => {
    const db = await fixture.freshDb();
    await db.put({ _id: '_design/fu', language: 'javascript', options: { include_design: true }, views: { data: { map: 'function(doc) { emit(null, doc._id); }' } } });
    assert.deepEqual(valuesOf(await db.view<ViewResponse>('fu/data')), ['_design/fu']);
  });

  it('design documents are not mapped with include_design=false or without options', async () => {
    const db = await fixture.freshDb();
    await db.put({ _id: '_design/off', language: 'javascript', options: { include_design: false }, views: { data: { map: 'function(doc) { emit(null, doc._id); }' } } });
    await db.put({ _id: '_design/none', language: 'javascript', views: { data: { map: 'function(doc) { emit(null, doc._id); }' } } });
    assert.equal((await db.view<ViewResponse>('off/data')).rows.length, 0);
    assert.equal((await db.view<ViewResponse>('none/data')).rows.length, 0);
  });

  it('options.local_seq=true gives mapped documents their _local_seq', async () => {
    const db = await fixture.freshDb();
    await db.put({
      _id: '_design/bingo',
      language: 'javascript',
      options: { include_design: true, local_seq: true },
      views: { data: { map: 'function(doc) { emit(doc._local_seq, null); }' } },
    });
    await db.put({ _id: 'bingo' });
    const result = await db.view<ViewResponse>('bingo/data');
    assert.equal(result.rows.length, 2);
    for (const row of result.rows) assert.notEqual(row.key, null);
  });
});

describe('design documents: 404s', () => {
  it('a view name the design document lacks is a 404 missing_named_view', async () => {
    const db = await fixture.freshDb();
    await db.put(designDoc('test', { v: { map: 'function(doc) { emit(1, 1); }' } }));
    await rejectsWith(db.view('test/nope'), { status: 404, error: 'not_found', reason: 'missing_named_view' });
  });

  it('a design document that never existed is a 404 missing', async () => {
    const db = await fixture.freshDb();
    await rejectsWith(db.view('ghost/v'), { status: 404, error: 'not_found', reason: 'missing' });
  });

  it('after the design document is deleted its views are 404 deleted', async () => {
    const db = await fixture.freshDb();
    const { rev } = await db.put(designDoc('test', { v: { map: 'function(doc) { emit(doc._id, 1); }' } }));
    await save(db, makeDocs(1, 5));
    assert.equal((await db.view<ViewResponse>('test/v')).total_rows, 5);
    await db.remove('_design/test', rev);
    await rejectsWith(db.view('test/v'), { status: 404, error: 'not_found', reason: 'deleted' });
  });
});

describe('design document changes (§6.5)', () => {
  it('changing a map function builds a new index: the next query reflects only the new map', async () => {
    const db = await fixture.freshDb();
    const { rev } = await db.put(designDoc('test', { v: { map: 'function(doc) { emit(doc.integer, "old"); }' } }));
    await save(db, makeDocs(1, 5));
    assert.deepEqual(valuesOf(await db.view<ViewResponse>('test/v')), ['old', 'old', 'old', 'old', 'old']);
    await db.put({ ...designDoc('test', { v: { map: 'function(doc) { if (doc.integer > 3) emit(-doc.integer, "new"); }' } }), _rev: rev });
    const result = await db.view<ViewResponse>('test/v');
    assert.deepEqual(result.rows, [
      { id: '5', key: -5, value: 'new' },
      { id: '4', key: -4, value: 'new' },
    ]);
    assert.equal(result.total_rows, 2);
  });

  it('a re-created design document gets a working index again', async () => {
    const db = await fixture.freshDb();
    const ddoc = designDoc('test', { v: { map: 'function(doc) { emit(doc.integer, null); }' } });
    const { rev } = await db.put(ddoc);
    await save(db, makeDocs(1, 3));
    assert.equal((await db.view<ViewResponse>('test/v')).total_rows, 3);
    const removed = await db.remove('_design/test', rev);
    await db.put({ ...ddoc, _rev: removed.rev });
    assert.deepEqual(keysOf(await db.view<ViewResponse>('test/v')), [1, 2, 3]);
  });
});

describe('design document validation on save (couch_mrview:validate)', () => {
  const refused: Array<[string, Record<string, unknown>, string, string | RegExp]> = [
    ['a map function that does not compile', { views: { v: { map: 'function(doc) { emit(doc._id, ' } } }, 'compilation_error', /^Compilation of the map function in the 'v' view failed: /],
    ['a map source that is not a function', { views: { v: { map: 'this is not javascript' } } }, 'compilation_error', /^Compilation of the map function in the 'v' view failed: /],
    ['a reduce function that does not compile', { views: { v: { map: 'function(doc) { emit(1, 1); }', reduce: 'function(keys, values) { return sum(values' } } }, 'compilation_error', /^Compilation of the reduce function in the 'v' view failed: /],
    ['a view without a map function', { views: { v: { reduce: '_sum' } } }, 'invalid_design_doc', 'View `v` must contain map function'],
    ['views that is not an object', { views: 'nope' }, 'invalid_design_doc', '`views` field must have object type'],
    ['a view that is not an object', { views: { v: 'nope' } }, 'invalid_design_doc', '`views.v` field must have object type'],
    ['a map that is not a string', { views: { v: { map: 42 } } }, 'invalid_design_doc', '`views.v.map` field must have string type'],
    ['a reduce that is not a string', { views: { v: { map: 'function(doc) {}', reduce: 1 } } }, 'invalid_design_doc', '`views.v.reduce` field must have string type'],
    ['a language that is not a string', { language: 1, views: {} }, 'invalid_design_doc', '`language` field must have string type'],
    ['options.include_design that is not a boolean', { options: { include_design: 'yes' }, views: {} }, 'invalid_design_doc', '`options.include_design` field must have boolean type'],
    ['options.local_seq that is not a boolean', { options: { local_seq: 1 }, views: {} }, 'invalid_design_doc', '`options.local_seq` field must have boolean type'],
    ['views.lib that is not an object', { views: { lib: 'x' } }, 'invalid_design_doc', '`views.lib` field must have object type'],
    ['an unknown built-in reduce', { views: { v: { map: 'function(doc) {}', reduce: '_random_junk' } } }, 'invalid_design_doc', '`_random_junk` is not a supported reduce function.'],
  ];
  for (const [what, body, error, reason] of refused) {
    it(`${what} → 400 ${error}`, async () => {
      const db = await fixture.freshDb();
      await rejectsWith(db.put({ _id: '_design/bad', language: 'javascript', ...body }), { status: 400, error, reason });
      await rejectsWith(db.view('bad/v'), { status: 404, error: 'not_found' });
    });
  }

  it('a refused design document in a bulk write fails alone, with its error and reason', async () => {
    const db = await fixture.freshDb();
    const results = await db.bulkDocs([{ _id: 'ok-doc' }, { _id: '_design/bad', views: { v: { reduce: '_sum' } } }]);
    assert.equal('rev' in results[0]!, true);
    assert.deepEqual(results[1], { id: '_design/bad', error: 'invalid_design_doc', reason: 'View `v` must contain map function' });
  });

  it('a design document in an unknown language is saved without compiling', async () => {
    const db = await fixture.freshDb();
    await db.put({ _id: '_design/py', language: 'python', views: { v: { map: 'def fun(doc): yield doc' } } });
  });
});

/**
 * view_include_docs (reference §3.6, §8.9) over HTTP: the row's document, linked
 * documents named by an emitted `{_id}`, a specific revision named by an emitted
 * `{_rev}`, and `_all_docs` with `include_docs`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Database } from '../../../engine/index.js';
import { assertHttpError, designDoc, makeDocs, ok, openServer, qs, save, type HttpFixture, type ViewResponse } from './helpers.js';

let http: HttpFixture;
before(async () => {
  http = await openServer();
});
after(() => http.close());

const DDOC = designDoc('test', {
  all_docs: { map: 'function(doc) { emit(doc.integer, doc.string); }' },
  with_prev: { map: 'function(doc) { emit(doc._id, {"_rev": doc.prev || doc._rev}); }' },
  with_id: {
    map: `function(doc) {
      if (doc.link_id) {
        var value = {"_id": doc.link_id};
        if (doc.link_rev) { value._rev = doc.link_rev; }
        emit(doc._id, value);
      }
    }`,
  },
  summate: {
    map: 'function(doc) { if (typeof doc.integer === "number") { emit(doc.integer, doc.integer); } }',
    reduce: 'function(keys, values) { return sum(values); }',
  },
});

async function seeded(): Promise<{ base: string; db: Database }> {
  const { name, db } = await http.freshDb();
  await save(db, [DDOC, ...makeDocs(0, 99)]);
  return { base: `/${name}`, db };
}

describe('view_include_docs (docs 0..99)', () => {
  let base: string;
  const view = (name: string, params: Record<string, unknown> = {}, body?: unknown) =>
    http.request(body === undefined ? 'GET' : 'POST', `${base}/_design/test/_view/${name}${qs(params)}`, body);

  before(async () => {
    ({ base } = await seeded());
  });

  it('include_docs=true adds each row\'s document', async () => {
    const body: ViewResponse = ok(await view('all_docs', { include_docs: true, limit: 2 }));
    assert.equal(body.rows.length, 2);
    assert.deepEqual(
      body.rows.map((row) => [row.id, row.doc._id, row.doc.integer]),
      [
        ['0', '0', 0],
        ['1', '1', 1],
      ],
    );
    assert.deepEqual(Object.keys(body.rows[0]!), ['id', 'key', 'value', 'doc']);
  });

  it('POST keys with include_docs: docs "29" and 74', async () => {
    const body: ViewResponse = ok(await view('all_docs', { include_docs: true }, { keys: [29, 74] }));
    assert.equal(body.rows.length, 2);
    assert.equal(body.rows[0]!.doc._id, '29');
    assert.equal(body.rows[1]!.doc.integer, 74);
  });

  it('_all_docs?limit=2&skip=1&include_docs=true → docs 1 and 10 (doc id byte order)', async () => {
    const body: ViewResponse = ok(await http.request('GET', `${base}/_all_docs${qs({ limit: 2, skip: 1, include_docs: true })}`));
    assert.deepEqual(
      body.rows.map((row) => row.doc.integer),
      [1, 10],
    );
  });

  it('_all_docs keys with include_docs: a missing id has no doc', async () => {
    const missing: ViewResponse = ok(await http.request('POST', `${base}/_all_docs${qs({ include_docs: true })}`, { keys: ['not_a_doc'] }));
    assert.equal(missing.rows.length, 1);
    assert.equal('doc' in missing.rows[0]!, false);
    const mixed: ViewResponse = ok(await http.request('POST', `${base}/_all_docs${qs({ include_docs: true })}`, { keys: ['1', 'foo'] }));
    assert.equal(mixed.rows.length, 2);
    assert.equal(mixed.rows[0]!.doc._id, '1');
    assert.equal('doc' in mixed.rows[1]!, false);
  });

  it('_all_docs?limit=0&include_docs=true → rows []', async () => {
    const body: ViewResponse = ok(await http.request('GET', `${base}/_all_docs${qs({ limit: 0, include_docs: true })}`));
    assert.deepEqual(body.rows, []);
  });

  it('include_docs=true on a reduce query → 400 query_parse_error', async () => {
    assertHttpError(await view('summate', { include_docs: true }), {
      status: 400,
      error: 'query_parse_error',
      reason: '`include_docs` is invalid for reduce',
    });
  });

  it('include_docs=true with reduce=false returns the 100 map rows with docs', async () => {
    const body: ViewResponse = ok(await view('summate', { reduce: false, include_docs: true }));
    assert.equal(body.rows.length, 100);
    assert.equal(body.rows[5]!.doc._id, '5');
  });

  it('reduce=true&include_docs=false reduces: 4950', async () => {
    const body: ViewResponse = ok(await view('summate', { reduce: true, include_docs: false }));
    assert.deepEqual(body.rows, [{ key: null, value: 4950 }]);
  });
});

describe('view_include_docs: linked documents and revisions', () => {
  it('an emitted {_id} value makes include_docs fetch that linked document', async () => {
    const { base, db } = await seeded();
    await db.put({ _id: 'link-to-10', link_id: '10' });
    const plain: ViewResponse = ok(await http.request('GET', `${base}/_design/test/_view/with_id${qs({ key: 'link-to-10' })}`));
    assert.equal(plain.rows.length, 1);
    assert.equal(plain.rows[0]!.value._id, '10');
    const withDocs: ViewResponse = ok(await http.request('GET', `${base}/_design/test/_view/with_id${qs({ key: 'link-to-10', include_docs: true })}`));
    assert.equal(withDocs.rows[0]!.id, 'link-to-10');
    assert.equal(withDocs.rows[0]!.doc._id, '10');
    assert.equal(withDocs.rows[0]!.doc.integer, 10);
  });

  it('a linked document that does not exist is included as doc: null', async () => {
    const { base, db } = await seeded();
    await db.put({ _id: 'link-to-nowhere', link_id: 'nowhere' });
    const body: ViewResponse = ok(await http.request('GET', `${base}/_design/test/_view/with_id${qs({ key: 'link-to-nowhere', include_docs: true })}`));
    assert.equal(body.rows.length, 1);
    assert.equal(body.rows[0]!.doc, null);
  });

  it('an emitted {_rev} makes include_docs fetch that revision: the previous body of an updated doc', async () => {
    const { base, db } = await seeded();
    const old = db.get('0');
    await db.put({ ...old, integer: 100, prev: old._rev! });
    const body: ViewResponse = ok(await http.request('POST', `${base}/_design/test/_view/with_prev${qs({ include_docs: true })}`, { keys: ['0'] }));
    assert.equal(body.rows.length, 1);
    const doc = body.rows[0]!.doc;
    assert.ok(doc, 'the old revision is included');
    assert.equal(doc._id, '0');
    assert.equal(doc._rev, old._rev);
    assert.equal(doc.integer, 0);
    assert.equal('prev' in doc, false);
  });

  it('an emitted {_id, _rev} fetches that revision of the linked document', async () => {
    const { base, db } = await seeded();
    const ten = db.get('10');
    await db.put({ ...ten, integer: 1010 });
    await db.put({ _id: 'link-to-old-10', link_id: '10', link_rev: ten._rev! });
    const body: ViewResponse = ok(await http.request('GET', `${base}/_design/test/_view/with_id${qs({ key: 'link-to-old-10', include_docs: true })}`));
    assert.equal(body.rows[0]!.doc?._rev, ten._rev);
    assert.equal(body.rows[0]!.doc?.integer, 10);
  });
});

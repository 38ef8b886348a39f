/**
 * Sort, bookmarks, relevance, stored fields, facets, grouping and highlighting over the
 * reference's Nouveau fixture (§6.4) in dreyfus's dialect, plus §6.5's extra checks.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, openIndex, put } from './fixture.js';

const FIXTURE = [
  ['doc4', 'foo', 42, 'hello hello there'],
  ['doc3', 'bar', 12, 'hello'],
  ['doc1', 'baz', 0, 'there'],
  ['doc2', 'foobar', 100, 'hi'],
] as const;

let fixture: Awaited<ReturnType<typeof openIndex>>;
before(async () => {
  fixture = await openIndex([
    ...FIXTURE.map(([id, foo, bar, baz]) =>
      put(id, call('foo', foo, { store: true, facet: true }), call('bar', bar, { store: true, facet: true }), call('baz', foo, { store: true, index: 'no' }), call('txt', baz)),
    ),
    put('movie', call('movie_name', 'movie about Azazel and more', { store: true })),
    put('colors', call('color', 'red', { store: true }), call('color', 'blue', { store: true })),
  ]);
});
after(() => fixture.store.close());

const ids = (params: Record<string, unknown>) => fixture.ids({ limit: 200, ...params });
/** The four fixture documents. */
const FOUR = 'bar:[* TO *]';

test('constant scores tie, and ties break by document id', () => {
  assert.deepEqual(ids({ q: FOUR }), ['doc1', 'doc2', 'doc3', 'doc4']);
  assert.deepEqual(ids({ q: '*:*', drilldown: [['foo', 'foo', 'bar', 'baz', 'foobar']] }), ['doc1', 'doc2', 'doc3', 'doc4']);
  assert.deepEqual(ids({ q: 'txt:hi OR txt:there' }), ['doc2']); // "there" is a stop word of the standard analyzer
});

test('relevance is BM25 over the whole index, and <score> reverses it', () => {
  const hits = fixture.query({ q: 'txt:hello' }).rows;
  assert.deepEqual(hits.map((row) => row.id), ['doc4', 'doc3']);
  // txt: 3 documents (doc1's "there" is a stop word), 4 terms; "hello" in 2 of them.
  const idf = Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5));
  const bm25 = (tf: number, length: number) => (idf * tf) / (tf + 1.2 * (1 - 0.75 + (0.75 * length) / (4 / 3)));
  assert.ok(Math.abs((hits[0]!.order[0] as number) - bm25(2, 2)) < 1e-9);
  assert.ok(Math.abs((hits[1]!.order[0] as number) - bm25(1, 1)) < 1e-9);
  assert.deepEqual(ids({ q: 'txt:hello', sort: '<score>' }), ['doc3', 'doc4']);
  assert.deepEqual(ids({ q: 'txt:hello', sort: '-<score>' }), ['doc4', 'doc3']);
});

test('string and number sorts, ascending and descending, with sort values in order', () => {
  assert.deepEqual(ids({ q: FOUR, sort: 'foo<string>' }), ['doc3', 'doc1', 'doc4', 'doc2']);
  assert.deepEqual(ids({ q: FOUR, sort: '-foo<string>' }), ['doc2', 'doc4', 'doc1', 'doc3']);
  assert.deepEqual(ids({ q: FOUR, sort: 'bar' }), ['doc1', 'doc3', 'doc4', 'doc2']);
  assert.deepEqual(ids({ q: FOUR, sort: ['-bar<number>'] }), ['doc2', 'doc4', 'doc3', 'doc1']);
  assert.deepEqual(ids({ q: FOUR, sort: '-_id<string>' }), ['doc4', 'doc3', 'doc2', 'doc1']);
  const [first] = fixture.query({ q: FOUR, sort: ['-bar<number>', 'foo<string>'] }).rows;
  assert.deepEqual(first!.order.slice(0, 2), [100, 'foobar']);
  assert.equal(typeof first!.order[2], 'number');
});

test('sort errors', () => {
  const reason = (params: Record<string, unknown>) => {
    try {
      fixture.query(params);
    } catch (err) {
      return (err as { reason: string }).reason;
    }
    return undefined;
  };
  assert.equal(reason({ q: FOUR, sort: 'foo' }), 'cannot sort string field as numeric field');
  assert.equal(reason({ q: FOUR, sort: 'foo<date>' }), 'Unrecognized type: date');
  assert.equal(reason({ q: FOUR, sort: 12 }), 'Unrecognized sort parameter: 12');
  const { bookmark } = fixture.query({ q: FOUR, limit: 1 });
  assert.equal(reason({ q: FOUR, bookmark, sort: 'bar' }), 'sort order not compatible with given bookmark');
});

test('bookmarks page to the end, where the same bookmark returns no rows', () => {
  const first = fixture.query({ q: FOUR, limit: 2 });
  assert.deepEqual(first.rows.map((row) => row.id), ['doc1', 'doc2']);
  const second = fixture.query({ q: FOUR, limit: 2, bookmark: first.bookmark });
  assert.deepEqual(second.rows.map((row) => row.id), ['doc3', 'doc4']);
  const third = fixture.query({ q: FOUR, limit: 2, bookmark: second.bookmark });
  assert.deepEqual(third.rows, []);
  assert.equal(third.bookmark, second.bookmark);
  assert.equal(third.total_rows, 4);
  const sorted = fixture.query({ q: FOUR, limit: 3, sort: '-bar' });
  assert.deepEqual(fixture.query({ q: FOUR, limit: 3, sort: '-bar', bookmark: sorted.bookmark }).rows.map((row) => row.id), ['doc1']);
  assert.ok(typeof fixture.query({ q: FOUR, limit: 0 }).bookmark === 'string');
});

test('stored fields, include_fields and multi-valued fields', () => {
  const [doc4] = fixture.query({ q: '_id:doc4' }).rows;
  assert.deepEqual(doc4!.fields, { foo: 'foo', bar: 42, baz: 'foo' });
  assert.deepEqual(fixture.query({ q: '_id:doc4', include_fields: ['bar'] }).rows[0]!.fields, { bar: 42 });
  assert.deepEqual(fixture.query({ q: 'color:blue' }).rows[0]!.fields, { color: ['red', 'blue'] });
  assert.deepEqual(fixture.query({ q: 'txt:hi' }).rows[0]!.fields.baz, 'foobar');
});

test('counts and ranges count every match, not only the page', () => {
  assert.deepEqual(fixture.query({ q: FOUR, limit: 1, counts: ['foo'] }).counts, { foo: { bar: 1, baz: 1, foo: 1, foobar: 1 } });
  const ranges = { bar: { cheap: '[0 TO 42]', expensive: '{42 TO 1000]' } };
  assert.deepEqual(fixture.query({ q: FOUR, limit: 0, ranges }).ranges, { bar: { cheap: 3, expensive: 1 } });
  assert.deepEqual(fixture.query({ q: FOUR, limit: 0, ranges: { bar: { open: '[* TO *]' } } }).ranges, { bar: { open: 4 } });
});

test('grouping: group_limit, group_sort, limit and sort inside groups', () => {
  const { groups } = fixture.query({ q: FOUR, group_field: 'foo', group_sort: 'bar', group_limit: 2, limit: 1 });
  assert.deepEqual(groups.map((group) => [group.by, group.total_rows, group.rows.map((row) => row.id)]), [['baz', 1, ['doc1']], ['bar', 1, ['doc3']]]);
  const all = fixture.query({ q: '*:*', group_field: 'txt' });
  assert.ok(all.groups.some((group) => group.by === null));
});

test('highlighting wraps matched terms in the given tags', () => {
  const [row] = fixture.query({ q: 'movie_name:Azazel', highlight_fields: ['movie_name'], highlight_pre_tag: '**', highlight_post_tag: '**' }).rows;
  assert.deepEqual(row!.highlights, { movie_name: ['movie about **Azazel** and more'] });
  const [plain] = fixture.query({ q: 'movie_name:azazel', highlight_fields: ['movie_name', 'missing'] }).rows;
  assert.deepEqual(plain!.highlights, { movie_name: ['movie about <em>Azazel</em> and more'], missing: [] });
});

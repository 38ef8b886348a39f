/** The `nano` client's `db.search` against a running server. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Nano from 'nano';
import { startTestServer, type TestServer } from '../../helpers/server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

interface Book {
  title: string;
  year: number;
  genre: string;
}

test('nano db.search: query, sort, counts, bookmark paging', async () => {
  const nano = Nano(server.url);
  await nano.db.create('library');
  const db = nano.use<Book>('library');
  const books: Book[] = [
    { title: 'The Left Hand of Darkness', year: 1969, genre: 'scifi' },
    { title: 'The Dispossessed', year: 1974, genre: 'scifi' },
    { title: 'A Wizard of Earthsea', year: 1968, genre: 'fantasy' },
    { title: 'The Tombs of Atuan', year: 1970, genre: 'fantasy' },
    { title: 'The Lathe of Heaven', year: 1971, genre: 'scifi' },
  ];
  await db.bulk({ docs: books });
  await db.insert({
    _id: '_design/books',
    indexes: {
      all: {
        analyzer: 'standard',
        index: `function (doc) {
          if (!doc.title) return;
          index('default', doc.title);
          index('title', doc.title, { store: true });
          index('year', doc.year, { store: true });
          index('genre', doc.genre, { facet: true, store: true });
        }`,
      },
    },
  } as never);

  const found = await db.search<Book>('books', 'all', { q: 'darkness OR heaven', include_docs: true });
  assert.equal(found.total_rows, 2);
  assert.deepEqual(found.rows.map((row) => row.doc?.year).sort(), [1969, 1971]);

  const sorted = await db.search('books', 'all', { q: 'genre:scifi', sort: '-year<number>', counts: ['genre'] });
  assert.deepEqual(sorted.rows.map((row) => (row.fields as { year: number }).year), [1974, 1971, 1969]);
  assert.deepEqual((sorted as unknown as { counts: unknown }).counts, { genre: { scifi: 3 } });

  const first = await db.search('books', 'all', { q: 'year:[1900 TO 2000]', sort: 'year', limit: 3 });
  const second = await db.search('books', 'all', { q: 'year:[1900 TO 2000]', sort: 'year', limit: 3, bookmark: first.bookmark });
  assert.deepEqual([...first.rows, ...second.rows].map((row) => (row.fields as { year: number }).year), [1968, 1969, 1970, 1971, 1974]);

  await assert.rejects(db.search('books', 'all', { q: 'title:(unclosed' }), (err: { statusCode?: number; error?: string }) => err.statusCode === 400 && err.error === 'bad_request');
  await assert.rejects(db.search('books', 'missing', { q: '*:*' }), (err: { statusCode?: number }) => err.statusCode === 404);
});

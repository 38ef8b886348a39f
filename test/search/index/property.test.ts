/**
 * The index against oracles: for random documents and random boolean queries over a
 * small vocabulary, after random sequences of puts, updates and deletes, the matching
 * ids equal a brute-force evaluation of Lucene's boolean semantics over the documents,
 * and results, statistics and the term dictionary equal those of an index rebuilt from
 * scratch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAnalyzerSpec } from '../../../search/analysis/index.js';
import { SearchIndex, SEARCH_TABLE_NAMES, paramsFromBody, validateSearchRequest, type SearchResult } from '../../../search/index/index.js';
import type { DocChange } from '../../../search/index/writer.js';
import { call, openTestStore, type TestStore } from './fixture.js';

const WORDS = ['ant', 'ape', 'bee', 'cat', 'cow', 'dog'] as const;
const IDS = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9', 'd10', 'd11'];

interface ModelDoc {
  words: string[];
  n: number;
}

type Query =
  | { kind: 'term'; word: string }
  | { kind: 'phrase'; first: string; second: string }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'range'; lo: number; hi: number }
  | { kind: 'bool'; clauses: Array<{ occur: '+' | '-' | ''; query: Query }> };

const wordArb = fc.constantFrom(...WORDS);
const docArb = fc.record({ words: fc.array(wordArb, { maxLength: 7 }), n: fc.integer({ min: 0, max: 9 }) });
const opArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({ id: fc.constantFrom(...IDS), doc: docArb }) },
  { weight: 1, arbitrary: fc.record({ id: fc.constantFrom(...IDS), doc: fc.constant(undefined) }) },
);
const { query: queryArb } = fc.letrec<{ query: Query }>((tie) => ({
  query: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ kind: fc.constant('term' as const), word: wordArb }),
    fc.record({ kind: fc.constant('phrase' as const), first: wordArb, second: wordArb }),
    fc.record({ kind: fc.constant('prefix' as const), prefix: fc.constantFrom('a', 'c', 'co', 'd') }),
    fc.record({ kind: fc.constant('range' as const), lo: fc.integer({ min: 0, max: 9 }), hi: fc.integer({ min: 0, max: 9 }) }),
    fc.record({
      kind: fc.constant('bool' as const),
      clauses: fc.array(fc.record({ occur: fc.constantFrom('+' as const, '-' as const, '' as const), query: tie('query') }), { minLength: 1, maxLength: 4 }),
    }),
  ),
}));

function print(query: Query): string {
  switch (query.kind) {
    case 'term': return `body:${query.word}`;
    case 'phrase': return `body:"${query.first} ${query.second}"`;
    case 'prefix': return `body:${query.prefix}*`;
    case 'range': return `n:[${query.lo} TO ${query.hi}]`;
    case 'bool': return `(${query.clauses.map(({ occur, query: sub }) => occur + print(sub)).join(' ')})`;
  }
}

/** Lucene's semantics: MUST all, else at least one SHOULD; MUST_NOT excluded; only MUST_NOT matches nothing. */
function matches(query: Query, doc: ModelDoc): boolean {
  switch (query.kind) {
    case 'term': return doc.words.includes(query.word);
    case 'phrase': return doc.words.some((word, i) => word === query.first && doc.words[i + 1] === query.second);
    case 'prefix': return doc.words.some((word) => word.startsWith(query.prefix));
    case 'range': return doc.n >= query.lo && doc.n <= query.hi;
    case 'bool': {
      const musts = query.clauses.filter((clause) => clause.occur === '+');
      const shoulds = query.clauses.filter((clause) => clause.occur === '');
      if (query.clauses.some((clause) => clause.occur === '-' && matches(clause.query, doc))) return false;
      if (musts.length > 0) return musts.every((clause) => matches(clause.query, doc));
      return shoulds.some((clause) => matches(clause.query, doc));
    }
  }
}

function change(id: string, doc: ModelDoc | undefined): DocChange {
  return { id, fields: doc && [call('body', doc.words.join(' ')), call('n', doc.n)] };
}

function run(index: SearchIndex, q: string, options: Record<string, unknown> = {}): SearchResult {
  return index.search(validateSearchRequest(paramsFromBody({ q, limit: 200, ...options }))) as SearchResult;
}

/** Every page of `limit` rows, following bookmarks until a page comes back empty. */
function pages(index: SearchIndex, q: string, options: Record<string, unknown>): string[] {
  const ids: string[] = [];
  let bookmark: string | undefined;
  for (;;) {
    const page = run(index, q, { ...options, limit: 3, ...(bookmark === undefined ? {} : { bookmark }) });
    if (page.rows.length === 0) return ids;
    ids.push(...page.rows.map((row) => row.id));
    bookmark = page.bookmark;
  }
}

const SORTS: Array<Record<string, unknown>> = [{}, { sort: '<score>' }, { sort: ['n', '-<score>'] }, { sort: '-n<number>' }];

function openIndex(store: TestStore, name: string): SearchIndex {
  const tables = store.tables(name);
  for (const table of SEARCH_TABLE_NAMES) tables[table].clear();
  return new SearchIndex(tables, parseAnalyzerSpec('standard'));
}

function dump(index: SearchIndex): string {
  const terms = [...index.tables.terms.range()].map(({ key, value }) => `${Buffer.from(key).toString('hex')}=${value}`);
  const meta = [...index.tables.meta.range()].filter(({ key }) => key[0] === 0x46).map(({ key, value }) => `${Buffer.from(key).toString('hex')}=${JSON.stringify(value)}`);
  return [...terms, ...meta].join('\n');
}

test('incremental updates match brute force and a rebuild from scratch', async () => {
  const store = await openTestStore();
  try {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(opArb, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 5 }), fc.array(queryArb, { minLength: 1, maxLength: 6 }), async (batches, queries) => {
        const incremental = openIndex(store, 'incremental');
        const model = new Map<string, ModelDoc>();
        let seq = 0;
        for (const batch of batches) {
          await store.store.write(() => incremental.apply(batch.map(({ id, doc }) => change(id, doc)), (seq += batch.length)));
          for (const { id, doc } of batch) doc ? model.set(id, doc) : model.delete(id);
          for (const query of queries) {
            const expected = [...model].filter(([, doc]) => matches(query, doc)).map(([id]) => id).sort();
            const result = run(incremental, print(query));
            assert.deepEqual(result.rows.map((row) => row.id).sort(), expected, print(query));
            assert.equal(result.total_rows, expected.length);
          }
        }
        const rebuilt = openIndex(store, 'rebuilt');
        await store.store.write(() => rebuilt.apply([...model].map(([id, doc]) => change(id, doc)), seq));
        assert.equal(dump(incremental), dump(rebuilt));
        const reader = incremental.reader();
        const docs = [...model.values()];
        const withWords = docs.filter((doc) => doc.words.length > 0);
        assert.deepEqual(reader.fieldStats('body'), { docs: withWords.length, length: withWords.reduce((sum, doc) => sum + doc.words.length, 0), numberDocs: 0, stringDocs: withWords.length });
        assert.equal(reader.fieldStats('n').numberDocs, docs.length);
        for (const word of WORDS) assert.equal(reader.docFreq('body', word), docs.filter((doc) => doc.words.includes(word)).length);
        assert.equal(incremental.info().doc_count, rebuilt.info().doc_count);
        for (const query of queries) {
          const fromScratch = run(rebuilt, print(query)).rows;
          const updated = run(incremental, print(query)).rows;
          assert.deepEqual(updated.map((row) => row.id), fromScratch.map((row) => row.id), print(query));
          updated.forEach((row, i) => assert.ok(Math.abs((row.order[0] as number) - (fromScratch[i]!.order[0] as number)) < 1e-9));
          for (const sort of SORTS) assert.deepEqual(pages(incremental, print(query), sort), run(incremental, print(query), sort).rows.map((row) => row.id), `${print(query)} ${JSON.stringify(sort)}`);
        }
      }),
      { numRuns: 60 },
    );
  } finally {
    await store.close();
  }
});

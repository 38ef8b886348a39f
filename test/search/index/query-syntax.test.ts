/** Every element of the query language, with the documents it matches over a small corpus. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { call, openIndex, put } from './fixture.js';

const CORPUS = [
  ['d1', 'The quick brown fox jumps over the lazy dog', 'Quick fox', 10, 'animal'],
  ['d2', 'A red apple and a green apple', 'Apples', 3.5, 'fruit'],
  ['d3', 'Red wine, red apples, apple pie', 'Pie recipe', 20, 'food'],
  ['d4', 'test text with tent and toast', 'Tests', 0, 'misc'],
  ['d5', 'foo-bar ablanks@renovations.com 2014', 'Email', 2014, 'misc'],
  ['d6', 'brown dog sleeps', 'Dog', undefined, 'animal'],
] as const;

let fixture: Awaited<ReturnType<typeof openIndex>>;
before(async () => {
  fixture = await openIndex(
    CORPUS.map(([id, text, title, price, tag]) =>
      put(id, call('default', text), call('title', title, { store: true }), ...(price === undefined ? [] : [call('price', price)]), call('tag', tag, { facet: true })),
    ),
  );
});
after(() => fixture.store.close());

const matches = (q: string) => fixture.ids({ q, limit: 200 }).sort();

const CASES: Array<[query: string, ids: string[]]> = [
  ['apple', ['d2', 'd3']],
  ['default:apple', ['d2', 'd3']],
  ['title:fox', ['d1']],
  ['red AND apple', ['d2', 'd3']],
  ['red && wine', ['d3']],
  ['fox OR apple', ['d1', 'd2', 'd3']],
  ['fox || pie', ['d1', 'd3']],
  ['fox pie', ['d1', 'd3']],
  ['apple NOT wine', ['d2']],
  ['apple -wine', ['d2']],
  ['apple !wine', ['d2']],
  ['+apple +pie', ['d3']],
  ['(fox OR pie) AND brown', ['d1']],
  ['title:(quick OR pie)', ['d1', 'd3']],
  ['"red apple"', ['d2']],
  ['"quick fox"', []],
  ['"quick fox"~1', ['d1']],
  ['"fox quick"~2', []],
  ['"fox quick"~3', ['d1']],
  ['"the lazy dog"', ['d1']],
  ['app*', ['d2', 'd3']],
  ['APP*', ['d2', 'd3']],
  ['te?t', ['d4']],
  ['t*t', ['d4']],
  ['aple~1', ['d2', 'd3']],
  ['fxo~1', ['d1', 'd5']], // fox (a transposition), foo (a substitution)
  ['dgo~1', ['d1', 'd6']],
  ['dgo~0', []],
  ['/ap+les?/', ['d2', 'd3']],
  ['price:[5 TO 20]', ['d1', 'd3']],
  ['price:{10 TO 20]', ['d3']],
  ['price:[10 TO 20}', ['d1']],
  ['price:[* TO 5]', ['d2', 'd4']],
  ['price:[100 TO *]', ['d5']],
  ['price:["5" TO "20"]', ['d1', 'd3']],
  ['price:10', ['d1']],
  ['price:2014', ['d5']],
  ['tag:[animal TO food]', ['d1', 'd3', 'd6']],
  ['tag:{animal TO food}', []],
  ['apple^2 fox', ['d1', 'd2', 'd3']],
  ['(apple)^0.5', ['d2', 'd3']],
  ['*:*', ['d1', 'd2', 'd3', 'd4', 'd5', 'd6']],
  ['*:* -apple', ['d1', 'd4', 'd5', 'd6']],
  ['-apple', []],
  ['NOT apple', []],
  ['2014', []],
  ['"2014"', ['d5']],
  ['the', []],
  ['foo-bar', ['d5']],
  ['foo\\-bar', ['d5']],
  ['_id:d3', ['d3']],
  ['_id:d*', ['d1', 'd2', 'd3', 'd4', 'd5', 'd6']],
  // Lucene's precedence: `a OR b AND c` is `a +b +c`; `a AND b OR c` is `+a +b c`.
  ['fox OR apple AND pie', ['d3']],
  ['apple AND pie OR fox', ['d3']],
];

for (const [query, ids] of CASES) {
  test(`q=${query}`, () => assert.deepEqual(matches(query), ids));
}

test('boosts order the results', () => {
  assert.deepEqual(fixture.ids({ q: 'apple^10 fox' }).slice(0, 2).sort(), ['d2', 'd3']);
  assert.equal(fixture.ids({ q: 'apple fox^10' })[0], 'd1');
});

test('a document matching more clauses ranks higher', () => {
  assert.equal(fixture.ids({ q: 'red wine pie' })[0], 'd3');
});

test('malformed queries are 400 bad_request', () => {
  for (const query of ['fox AND', '*foo', 'title:*', 'title:(fox', '"unclosed', 'price:[1 TO']) {
    assert.throws(() => fixture.query({ q: query }), (err: { status?: number; error?: string }) => err.status === 400 && err.error === 'bad_request', query);
  }
});

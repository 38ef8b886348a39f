import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_CLAUSE_COUNT, type SearchQuery } from '../../../search/query/index.js';
import { analyzed, badRequestReason, term } from './helpers.js';

const should = (...queries: SearchQuery[]): SearchQuery => ({
  kind: 'boolean',
  clauses: queries.map((query) => ({ occur: 'should', query })),
  boost: 1,
});
const NOTHING: SearchQuery = { kind: 'boolean', clauses: [], boost: 1 };

describe('analyzeQuery: terms and phrases', () => {
  it('analyses a term with the field’s analyzer', () => {
    assert.deepEqual(analyzed('title:Apples'), term('title', 'apples'));
    assert.deepEqual(analyzed('title:Apples', 'english'), term('title', 'appl'));
  });

  it('drops a stop word; a query of stop words matches nothing', () => {
    assert.deepEqual(analyzed('the'), NOTHING);
    assert.deepEqual(analyzed('"the"'), NOTHING);
    assert.deepEqual(analyzed('""'), NOTHING);
  });

  it('ORs the tokens of an unquoted term that splits (autoGeneratePhraseQueries off)', () => {
    assert.deepEqual(analyzed('foo-bar'), should(term('default', 'foo'), term('default', 'bar')));
    assert.deepEqual(analyzed('ablanks@renovations.com^2'), {
      ...should(term('default', 'ablanks'), term('default', 'renovations.com')),
      boost: 2,
    });
  });

  it('builds a phrase from a quoted text, positions keeping stop-word gaps', () => {
    assert.deepEqual(analyzed('body:"The quick AND the Fox"~3'), {
      kind: 'phrase',
      field: 'body',
      terms: [
        { term: 'quick', position: 1 },
        { term: 'fox', position: 4 },
      ],
      slop: 3,
      boost: 1,
    });
  });

  it('turns a one-token phrase into a term', () => {
    assert.deepEqual(analyzed('"Apple"~2^3'), term('default', 'apple', 3));
  });

  it('analyses each field with its perfield analyzer, _id always as keyword', () => {
    const spec = { name: 'perfield', default: 'english', fields: { tag: 'keyword' } };
    assert.deepEqual(analyzed('tag:Running body:Running _id:Doc1', spec), should(term('tag', 'Running'), term('body', 'run'), term('_id', 'Doc1')));
  });
});

describe('analyzeQuery: multi-term queries are lower-cased, never analysed', () => {
  it('lower-cases prefix, wildcard, fuzzy and regexp terms without stemming them', () => {
    assert.deepEqual(analyzed('Running*', 'english'), { kind: 'prefix', field: 'default', prefix: 'running', boost: 1 });
    assert.deepEqual(analyzed('RUN?ING', 'english'), { kind: 'wildcard', field: 'default', pattern: 'run?ing', boost: 1 });
    assert.deepEqual(analyzed('Runnings~1', 'english'), {
      kind: 'fuzzy',
      field: 'default',
      term: 'runnings',
      maxEdits: 1,
      prefixLength: 0,
      boost: 1,
    });
    assert.deepEqual(analyzed('/The.*/'), { kind: 'regexp', field: 'default', pattern: 'the.*', boost: 1 });
    assert.deepEqual(analyzed('the*'), { kind: 'prefix', field: 'default', prefix: 'the', boost: 1 });
  });

  it('can leave them as written, globally or per field', () => {
    assert.deepEqual(analyzed('Ab*', 'keyword', { lowercaseExpandedTerms: false }), { kind: 'prefix', field: 'default', prefix: 'Ab', boost: 1 });
    const keepTag = (field: string): boolean => field !== 'tag';
    assert.deepEqual(analyzed('tag:Ab* x:Ab*', 'standard', { lowercaseExpandedTerms: keepTag }), should(
      { kind: 'prefix', field: 'tag', prefix: 'Ab', boost: 1 },
      { kind: 'prefix', field: 'x', prefix: 'ab', boost: 1 },
    ));
  });
});

describe('analyzeQuery: numbers (Clouseau)', () => {
  it('makes an unquoted number an exact numeric query, carrying its text reading', () => {
    assert.deepEqual(analyzed('size:1'), { kind: 'numeric_term', field: 'size', value: 1, text: term('size', '1'), boost: 1 });
    assert.deepEqual(analyzed('2014^2'), { kind: 'numeric_term', field: 'default', value: 2014, text: term('default', '2014'), boost: 2 });
  });

  it('keeps a quoted number as text', () => {
    assert.deepEqual(analyzed('"2014"'), term('default', '2014'));
  });

  it('builds a numeric range when both bounds are numbers (quoted or *)', () => {
    const text = (lower: string, upper: string, lowerInclusive = true, upperInclusive = true) =>
      ({ kind: 'term_range', field: 'price', lower, upper, lowerInclusive, upperInclusive, boost: 1 }) as const;
    assert.deepEqual(analyzed('price:[10 TO 20}'), {
      kind: 'numeric_range',
      field: 'price',
      min: 10,
      max: 20,
      minInclusive: true,
      maxInclusive: false,
      text: text('10', '20', true, false),
      boost: 1,
    });
    assert.deepEqual(analyzed('price:[* TO 2]'), {
      kind: 'numeric_range',
      field: 'price',
      min: -Infinity,
      max: 2,
      minInclusive: true,
      maxInclusive: true,
      text: text('-infinity', '2'),
      boost: 1,
    });
    const dates = analyzed('price:["20170101" TO "20171231"]');
    assert.ok(dates.kind === 'numeric_range' && dates.min === 20170101 && dates.max === 20171231);
    const infinite = analyzed('price:[1.5 TO Infinity]');
    assert.ok(infinite.kind === 'numeric_range' && infinite.max === Infinity);
  });

  it('builds a lower-cased term range otherwise, * becoming "-infinity"/"infinity"', () => {
    const range = (lower: string, upper: string): SearchQuery =>
      ({ kind: 'term_range', field: 'name', lower, upper, lowerInclusive: true, upperInclusive: true, boost: 1 });
    assert.deepEqual(analyzed('name:[A TO M]'), range('a', 'm'));
    assert.deepEqual(analyzed('name:[* TO foo]'), range('-infinity', 'foo'));
    assert.deepEqual(analyzed('name:[1 TO foo]'), range('1', 'foo'));
  });
});

describe('analyzeQuery: boosts, match-all, limits', () => {
  it('carries boosts and match-all', () => {
    assert.deepEqual(analyzed('*:*'), { kind: 'match_all', boost: 1 });
    assert.deepEqual(analyzed('(apple pear)^0.5'), { ...should(term('default', 'apple'), term('default', 'pear')), boost: 0.5 });
  });

  it(`refuses a boolean with more than ${MAX_CLAUSE_COUNT} clauses (stop words not counted)`, () => {
    const words = (count: number): string => Array.from({ length: count }, (_, i) => `w${i}`).join(' ');
    assert.equal(analyzed(words(MAX_CLAUSE_COUNT)).kind, 'boolean');
    assert.equal(analyzed(`${words(MAX_CLAUSE_COUNT)} the`).kind, 'boolean');
    assert.match(badRequestReason(() => analyzed(words(MAX_CLAUSE_COUNT + 1))), /too many boolean clauses/);
  });
});

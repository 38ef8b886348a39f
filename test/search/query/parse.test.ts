import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery, type QueryNode } from '../../../search/query/index.js';

const t = (text: string, field = 'default'): QueryNode => ({ kind: 'term', field, text });

describe('parseQuery: terms and fields', () => {
  it('puts a bare term on the default field', () => {
    assert.deepEqual(parseQuery('apple'), t('apple'));
    assert.deepEqual(parseQuery('apple', { defaultField: 'body' }), t('apple', 'body'));
  });

  it('reads field:term, with optional whitespace around the colon', () => {
    assert.deepEqual(parseQuery('title:apple'), t('apple', 'title'));
    assert.deepEqual(parseQuery('title : apple'), t('apple', 'title'));
  });

  it('keeps hyphens and plus signs inside a term, and lower-case operators as terms', () => {
    assert.deepEqual(parseQuery('foo-bar+baz'), t('foo-bar+baz'));
    assert.deepEqual(parseQuery('and'), t('and'));
    assert.deepEqual(parseQuery('ANDROID'), t('ANDROID'));
    assert.deepEqual(parseQuery('a&&b'), t('a&&b'));
  });

  it('reads backslash escapes in terms and field names, including \\uXXXX', () => {
    assert.deepEqual(parseQuery('a\\:b'), t('a:b'));
    assert.deepEqual(parseQuery('\\(x\\)\\ y'), t('(x) y'));
    assert.deepEqual(parseQuery('my\\:field:v'), t('v', 'my:field'));
    assert.deepEqual(parseQuery('\\u0041bc'), t('Abc'));
    assert.deepEqual(parseQuery('\\-x'), t('-x'));
  });

  it('marks an unquoted term that reads as a Java double as numeric', () => {
    assert.deepEqual(parseQuery('size:1'), { kind: 'term', field: 'size', text: '1', numeric: 1 });
    assert.deepEqual(parseQuery('\\-3.5'), { kind: 'term', field: 'default', text: '-3.5', numeric: -3.5 });
    for (const [text, value] of [['1e3', 1000], ['.5', 0.5], ['2f', 2], ['1.', 1], ['0x1p3', 8], ['Infinity', Infinity]] as const) {
      assert.equal((parseQuery(text) as { numeric?: number }).numeric, value, text);
    }
    assert.ok(Number.isNaN((parseQuery('NaN') as { numeric?: number }).numeric));
    assert.equal((parseQuery('12abc') as { numeric?: number }).numeric, undefined);
    assert.equal((parseQuery('infinity') as { numeric?: number }).numeric, undefined);
  });

  it('reads a lone +, - or ! followed by whitespace as a term', () => {
    assert.deepEqual(parseQuery('x - y'), {
      kind: 'boolean',
      clauses: [
        { conjunction: null, modifier: null, query: t('x') },
        { conjunction: null, modifier: null, query: t('-') },
        { conjunction: null, modifier: null, query: t('y') },
      ],
    });
  });
});

describe('parseQuery: phrases', () => {
  it('reads quoted text as a phrase with slop 0', () => {
    assert.deepEqual(parseQuery('"red apple"'), { kind: 'phrase', field: 'default', text: 'red apple', slop: 0 });
  });

  it('reads ~N as slop, truncating fractions; a bare ~ keeps 0', () => {
    assert.equal((parseQuery('"red apple"~2') as { slop: number }).slop, 2);
    assert.equal((parseQuery('"red apple"~2.7') as { slop: number }).slop, 2);
    assert.equal((parseQuery('"red apple"~') as { slop: number }).slop, 0);
  });

  it('unescapes quotes and backslashes inside, and never marks a quoted number numeric', () => {
    assert.deepEqual(parseQuery('t:"say \\"hi\\" \\\\ now"'), { kind: 'phrase', field: 't', text: 'say "hi" \\ now', slop: 0 });
    assert.deepEqual(parseQuery('"2014"'), { kind: 'phrase', field: 'default', text: '2014', slop: 0 });
  });
});

describe('parseQuery: multi-term queries', () => {
  it('reads a trailing * as a prefix query', () => {
    assert.deepEqual(parseQuery('app*'), { kind: 'prefix', field: 'default', prefix: 'app' });
    assert.deepEqual(parseQuery('t:a\\*b*'), { kind: 'prefix', field: 't', prefix: 'a*b' });
  });

  it('reads other * and ? as wildcards, keeping escapes in the pattern', () => {
    assert.deepEqual(parseQuery('te?t'), { kind: 'wildcard', field: 'default', pattern: 'te?t' });
    assert.deepEqual(parseQuery('te*t'), { kind: 'wildcard', field: 'default', pattern: 'te*t' });
    assert.deepEqual(parseQuery('a\\*b?'), { kind: 'wildcard', field: 'default', pattern: 'a\\*b?' });
  });

  it('reads ~ as fuzzy: default 2 edits, at most 2, legacy similarities scaled by length', () => {
    const edits = (query: string): number => (parseQuery(query) as { maxEdits: number }).maxEdits;
    assert.deepEqual(parseQuery('aple~1'), { kind: 'fuzzy', field: 'default', text: 'aple', maxEdits: 1 });
    assert.equal(edits('aple~'), 2);
    assert.equal(edits('aple~0'), 0);
    assert.equal(edits('aple~3'), 2);
    assert.equal(edits('abcd~0.5'), 2);
    assert.equal(edits('abc~0.5'), 1);
    assert.equal(edits('abcdefghij~0.8'), 1);
  });

  it('lets a wildcard win over fuzziness, as Lucene does', () => {
    assert.deepEqual(parseQuery('te?t~1'), { kind: 'wildcard', field: 'default', pattern: 'te?t' });
    assert.deepEqual(parseQuery('app*~1'), { kind: 'prefix', field: 'default', prefix: 'app' });
  });

  it('reads /.../ as a regular expression', () => {
    assert.deepEqual(parseQuery('name:/jo.*n/'), { kind: 'regexp', field: 'name', pattern: 'jo.*n' });
    assert.deepEqual(parseQuery('/a\\/b/'), { kind: 'regexp', field: 'default', pattern: 'a\\/b' });
  });

  it('reads *:* as match-all, and accepts leading wildcards only when allowed', () => {
    assert.deepEqual(parseQuery('*:*'), { kind: 'match_all' });
    assert.deepEqual(parseQuery('*foo', { allowLeadingWildcard: true }), { kind: 'wildcard', field: 'default', pattern: '*foo' });
    assert.deepEqual(parseQuery('f:*', { allowLeadingWildcard: true }), { kind: 'wildcard', field: 'f', pattern: '*' });
  });
});

describe('parseQuery: ranges', () => {
  const range = (lower: string | null, upper: string | null, lowerInclusive: boolean, upperInclusive: boolean): QueryNode => ({
    kind: 'range',
    field: 'price',
    lower,
    upper,
    lowerInclusive,
    upperInclusive,
  });

  it('reads inclusive, exclusive and mixed brackets', () => {
    assert.deepEqual(parseQuery('price:[10 TO 20]'), range('10', '20', true, true));
    assert.deepEqual(parseQuery('price:{10 TO 20}'), range('10', '20', false, false));
    assert.deepEqual(parseQuery('price:[10 TO 20}'), range('10', '20', true, false));
    assert.deepEqual(parseQuery('price:{10 TO 20]'), range('10', '20', false, true));
  });

  it('reads an unquoted * as an open end, a quoted one as text', () => {
    assert.deepEqual(parseQuery('price:[* TO 20]'), range(null, '20', true, true));
    assert.deepEqual(parseQuery('price:[10 TO *]'), range('10', null, true, true));
    assert.deepEqual(parseQuery('price:["*" TO "a b"]'), range('*', 'a b', true, true));
  });

  it('accepts a range without TO, and a boost', () => {
    assert.deepEqual(parseQuery('price:[a b]'), range('a', 'b', true, true));
    assert.deepEqual(parseQuery('price:[a TO b]^2'), { ...range('a', 'b', true, true), boost: 2 });
  });
});

describe('parseQuery: boosts and groups', () => {
  it('reads ^N and ^N.M on terms, phrases and groups', () => {
    assert.deepEqual(parseQuery('apple^2'), { ...t('apple'), boost: 2 });
    assert.deepEqual(parseQuery('apple^0.5'), { ...t('apple'), boost: 0.5 });
    assert.deepEqual(parseQuery('"x y"~1^3'), { kind: 'phrase', field: 'default', text: 'x y', slop: 1, boost: 3 });
    assert.deepEqual(parseQuery('*:*^2'), { kind: 'match_all', boost: 2 });
    assert.deepEqual(parseQuery('aple^2~1'), { kind: 'fuzzy', field: 'default', text: 'aple', maxEdits: 1, boost: 2 });
  });

  it('unwraps a one-clause group, the outer boost replacing the inner one', () => {
    assert.deepEqual(parseQuery('(apple)'), t('apple'));
    assert.deepEqual(parseQuery('(apple^3)^2'), { ...t('apple'), boost: 2 });
  });

  it('applies field:( ... ) to the terms inside, an inner field overriding it', () => {
    assert.deepEqual(parseQuery('title:(red body:apple)^2'), {
      kind: 'boolean',
      clauses: [
        { conjunction: null, modifier: null, query: t('red', 'title') },
        { conjunction: null, modifier: null, query: t('apple', 'body') },
      ],
      boost: 2,
    });
  });

  it('treats the full-width space and tabs as whitespace', () => {
    assert.deepEqual(parseQuery('x\u3000y\tz'), parseQuery('x y z'));
  });
});

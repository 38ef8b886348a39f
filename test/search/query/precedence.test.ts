import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuery, resolveOccurs, type Occur, type SearchQuery } from '../../../search/query/index.js';
import { analyzed, term } from './helpers.js';

/** The occur of each clause of a parsed boolean query. */
function occurs(query: string): Occur[] {
  const node = parseQuery(query);
  assert.equal(node.kind, 'boolean');
  return node.kind === 'boolean' ? resolveOccurs(node.clauses) : [];
}

describe('boolean operators (Lucene classic, default operator OR)', () => {
  it('ORs juxtaposed clauses', () => {
    assert.deepEqual(occurs('x y z'), ['should', 'should', 'should']);
    assert.deepEqual(occurs('x OR y'), ['should', 'should']);
    assert.deepEqual(occurs('x || y'), ['should', 'should']);
  });

  it('makes both neighbours of AND required', () => {
    assert.deepEqual(occurs('x AND y'), ['must', 'must']);
    assert.deepEqual(occurs('x && y AND z'), ['must', 'must', 'must']);
  });

  it('reads "x OR y AND z" as "x +y +z" (x stays optional)', () => {
    assert.deepEqual(occurs('x OR y AND z'), ['should', 'must', 'must']);
  });

  it('reads "x AND y OR z" as "+x +y z"', () => {
    assert.deepEqual(occurs('x AND y OR z'), ['must', 'must', 'should']);
  });

  it('reads + as required and -, !, NOT as prohibited', () => {
    assert.deepEqual(occurs('+x -y !w NOT v z'), ['must', 'must_not', 'must_not', 'must_not', 'should']);
  });

  it('keeps a prohibited clause prohibited when AND follows or introduces it', () => {
    assert.deepEqual(occurs('x AND NOT y'), ['must', 'must_not']);
    assert.deepEqual(occurs('-x AND y'), ['must_not', 'must']);
    assert.deepEqual(occurs('x && !y'), ['must', 'must_not']);
  });

  it('keeps a single modified clause as a one-clause boolean', () => {
    assert.deepEqual(occurs('NOT x'), ['must_not']);
    assert.deepEqual(occurs('+x'), ['must']);
  });

  it('groups with parentheses', () => {
    assert.deepEqual(occurs('(x OR y) AND z'), ['must', 'must']);
    const node = parseQuery('(x OR y) AND z');
    assert.ok(node.kind === 'boolean' && node.clauses[0]?.query.kind === 'boolean');
  });
});

describe('boolean operators after analysis', () => {
  const should = (query: SearchQuery) => ({ occur: 'should', query }) as const;
  const must = (query: SearchQuery) => ({ occur: 'must', query }) as const;
  const mustNot = (query: SearchQuery) => ({ occur: 'must_not', query }) as const;
  const bool = (...clauses: Array<ReturnType<typeof should | typeof must | typeof mustNot>>): SearchQuery => ({
    kind: 'boolean',
    clauses,
    boost: 1,
  });
  const d = (text: string): SearchQuery => term('default', text);

  it('builds the expected clause structures', () => {
    assert.deepEqual(analyzed('x OR y AND z'), bool(should(d('x')), must(d('y')), must(d('z'))));
    assert.deepEqual(analyzed('x AND y OR z'), bool(must(d('x')), must(d('y')), should(d('z'))));
    assert.deepEqual(analyzed('*:* -foo'), bool(should({ kind: 'match_all', boost: 1 }), mustNot(d('foo'))));
  });

  it('leaves a purely negative query with no positive clause (it matches nothing)', () => {
    assert.deepEqual(analyzed('-foo'), bool(mustNot(d('foo'))));
    assert.deepEqual(analyzed('NOT foo NOT bar'), bool(mustNot(d('foo')), mustNot(d('bar'))));
  });

  it('drops a stop-word clause after its AND has made the previous clause required', () => {
    assert.deepEqual(analyzed('x OR the AND y'), bool(must(d('x')), must(d('y'))));
    assert.deepEqual(analyzed('the AND y'), bool(must(d('y'))));
  });

  it('returns the first clause bare when it is the only one left', () => {
    assert.deepEqual(analyzed('x AND the'), d('x'));
    assert.deepEqual(analyzed('(x the)^2'), term('default', 'x', 2));
    assert.deepEqual(analyzed('the x'), bool(should(d('x'))));
  });

  it('matches nothing when every clause is a stop word', () => {
    assert.deepEqual(analyzed('the AND a OR "to be"'), bool());
  });
});

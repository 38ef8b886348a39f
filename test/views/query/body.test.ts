import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseViewQuery } from '../../../views/query/index.js';
import { badRequest, qs } from './helpers.js';

describe('parseViewQuery: POST body', () => {
  it('applies the query string after the body, so the query string wins', () => {
    const args = parseViewQuery(qs('limit=1'), { keys: ['a', 'b'], limit: 2 });
    assert.equal(args.limit, 1);
    assert.deepEqual(args.keys, ['a', 'b']);
  });

  it('lets query-string keys replace body keys', () => {
    assert.deepEqual(parseViewQuery(qs('keys=["x","y"]'), { keys: ['a', 'b'] }).keys, ['x', 'y']);
  });

  it('behaves like GET for an empty body', () => {
    assert.deepEqual(parseViewQuery(qs('limit=3&key=1'), {}), parseViewQuery(qs('limit=3&key=1')));
  });

  it('takes body values as decoded JSON', () => {
    const args = parseViewQuery(qs(''), { startkey: ['a', 1], endkey: 'foo', key: undefined });
    assert.deepEqual(args.startKey, ['a', 1]);
    assert.equal(args.endKey, 'foo');
  });

  it('refuses a body that is not an object', () => {
    for (const body of [[], null, 'keys', 1]) {
      badRequest(() => parseViewQuery(qs(''), body), 'Request body must be a JSON object');
    }
  });

  it('refuses a `keys` member that is not an array', () => {
    for (const keys of [1, 'a', null, { a: 1 }]) {
      badRequest(() => parseViewQuery(qs(''), { keys }), '`keys` member must be an array.');
    }
  });

  it('refuses `queries` at the plain view endpoint', () => {
    badRequest(
      () => parseViewQuery(qs(''), { queries: [{ keys: ['a'] }] }),
      'The `queries` parameter is no longer supported at this endpoint',
    );
    badRequest(() => parseViewQuery(qs(''), { queries: 1 }), '`queries` member must be an array.');
    badRequest(() => parseViewQuery(qs(''), { queries: 1, keys: 1 }), '`queries` member must be an array.');
  });
});

describe('parseViewQuery: single-element keys', () => {
  it('turns keys=[k] into key=k', () => {
    const args = parseViewQuery(qs('keys=["a"]'));
    assert.ok(!('keys' in args));
    assert.deepEqual([args.startKey, args.endKey], ['a', 'a']);
  });

  it('does so for a POST body too, and for a null key', () => {
    const args = parseViewQuery(qs(''), { keys: [null] });
    assert.ok(!('keys' in args));
    assert.deepEqual([args.startKey, args.endKey], [null, null]);
  });

  it('fills only the ends that were not given', () => {
    const args = parseViewQuery(qs('keys=["a"]&startkey="b"'));
    assert.deepEqual([args.startKey, args.endKey], ['b', 'a']);
  });

  it('leaves empty and longer key lists alone', () => {
    assert.deepEqual(parseViewQuery(qs('keys=[]')).keys, []);
    assert.deepEqual(parseViewQuery(qs('keys=["a","b"]')).keys, ['a', 'b']);
    assert.equal(parseViewQuery(qs('keys=["a","b"]')).startKey, undefined);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMultiQuery, validateViewQuery, type ViewInfo } from '../../../views/query/index.js';
import { badRequest, icuLike, qs, queryParseError } from './helpers.js';

const reduceView: ViewInfo = { hasReduce: true, collate: icuLike };

describe('parseMultiQuery', () => {
  it('parses one argument set per query, in order, from decoded JSON', () => {
    const parsed = parseMultiQuery({ queries: [{ keys: ['a', 'c'] }, { limit: 1, skip: 1 }] }, qs(''));
    assert.equal(parsed.length, 2);
    assert.deepEqual(parsed[0]?.keys, ['a', 'c']);
    assert.deepEqual([parsed[1]?.limit, parsed[1]?.skip], [1, 1]);
  });

  it('uses the query string as defaults, except keys, group and group_level', () => {
    const parsed = parseMultiQuery(
      { queries: [{}, { limit: 1 }, { group: true }] },
      qs('limit=5&descending=true&keys=["x","y"]&group=true&group_level=2'),
    );
    assert.deepEqual(
      parsed.map((args) => [args.limit, args.descending, args.keys, args.group, args.groupLevel]),
      [
        [5, true, undefined, undefined, undefined],
        [1, true, undefined, undefined, undefined],
        [5, true, undefined, true, undefined],
      ],
    );
  });

  it('keeps key from the query string as a default for every query', () => {
    const parsed = parseMultiQuery({ queries: [{}, { endkey: 'z' }] }, qs('key="a"'));
    assert.deepEqual(parsed.map((args) => [args.startKey, args.endKey]), [['a', 'a'], ['a', 'z']]);
  });

  it('turns a single-element keys into key in each query', () => {
    const [args] = parseMultiQuery({ queries: [{ keys: ['a'] }] }, qs(''));
    assert.deepEqual([args?.keys, args?.startKey, args?.endKey], [undefined, 'a', 'a']);
  });

  it('leaves each query to be validated, with CouchDB messages', () => {
    const parsed = parseMultiQuery({ queries: [{ keys: ['a', 'b'], group: true }, { keys: ['a', 'b'] }] }, qs(''));
    assert.equal(validateViewQuery(parsed[0]!, reduceView).kind, 'reduce');
    queryParseError(() => validateViewQuery(parsed[1]!, reduceView), 'Multi-key fetches for reduce views must use `group=true`');
    const [badKeys] = parseMultiQuery({ queries: [{ keys: 1 }] }, qs(''));
    queryParseError(() => validateViewQuery(badKeys!, reduceView), '`keys` must be an array of strings.');
  });

  it('reports parse errors of a query and of the query string', () => {
    queryParseError(() => parseMultiQuery({ queries: [{ limit: 'x' }] }, qs('')), 'Invalid value for integer: <<"x">>');
    badRequest(() => parseMultiQuery({ queries: [] }, qs('startkey=foo')), 'invalid UTF-8 JSON');
  });

  it('refuses malformed bodies', () => {
    badRequest(() => parseMultiQuery([], qs('')), 'Request body must be a JSON object');
    badRequest(() => parseMultiQuery({}, qs('')), 'POST body must include `queries` parameter.');
    badRequest(() => parseMultiQuery({ keys: ['a'] }, qs('')), 'POST body must include `queries` parameter.');
    badRequest(() => parseMultiQuery({ queries: 1 }, qs('')), '`queries` member must be an array.');
    badRequest(() => parseMultiQuery({ queries: null }, qs('')), '`queries` member must be an array.');
    badRequest(() => parseMultiQuery({ queries: [1] }, qs('')), 'Each member of `queries` must be a JSON object.');
  });
});

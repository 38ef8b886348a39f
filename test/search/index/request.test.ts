/** Search parameters: GET and POST decoding, defaults, and every validation error with dreyfus's wording. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { paramsFromBody, paramsFromQueryString, validateSearchRequest } from '../../../search/index/index.js';

const fromGet = (query: string) => validateSearchRequest(paramsFromQueryString(new URLSearchParams(query)));
const fromPost = (body: Record<string, unknown>) => validateSearchRequest(paramsFromBody(body));

function rejects(run: () => unknown, error: string, reason: string): void {
  assert.throws(run, (err: { status?: number; error?: string; reason?: string }) => {
    assert.equal(err.status, 400);
    assert.equal(err.error, error);
    assert.equal(err.reason, reason);
    return true;
  });
}

test('defaults', () => {
  const request = fromGet('q=*:*');
  assert.equal(request.query, '*:*');
  assert.equal(request.limit, 25);
  assert.equal(request.sort, undefined);
  assert.equal(request.includeDocs, false);
  assert.deepEqual(request.drilldown, []);
  assert.equal(request.highlight, undefined);
  assert.equal(request.group, undefined);
  assert.equal(request.update, 'true');
  assert.equal(fromPost({ query: 'x' }).query, 'x');
});

test('GET values are JSON where dreyfus decodes JSON', () => {
  const request = fromGet(`q=a&sort=${encodeURIComponent('["-price<number>","title<string>"]')}&limit=5&include_docs=true&counts=${encodeURIComponent('["a"]')}&highlight_fields=${encodeURIComponent('["t"]')}&highlight_pre_tag=${encodeURIComponent('"<b>"')}&highlight_number=2&highlight_size=50&group_field=g&group_limit=3&stale=ok`);
  assert.deepEqual(request.sort, [
    { kind: 'field', field: 'price', type: 'number', descending: true },
    { kind: 'field', field: 'title', type: 'string', descending: false },
  ]);
  assert.equal(request.limit, 5);
  assert.equal(request.includeDocs, true);
  assert.deepEqual(request.counts, ['a']);
  assert.deepEqual(request.highlight, { fields: ['t'], preTag: '<b>', postTag: '</em>', number: 2, size: 50 });
  assert.deepEqual(request.group, { field: 'g', limit: 3, sort: undefined });
  assert.equal(request.update, 'false');
  assert.equal(fromGet('q=a&update=lazy').update, 'lazy');
  assert.deepEqual(fromGet('q=a&sort=%22%3Cscore%3E%22').sort, [{ kind: 'score', descending: false }]);
  assert.deepEqual(fromGet('q=a&sort=%22-%3Cdoc%3E%22').sort, [{ kind: 'doc', descending: true }]);
});

test('drilldown: repeated GET parameters and list-of-lists', () => {
  const request = fromGet(`q=a&drilldown=${encodeURIComponent('["s","old"]')}&drilldown=${encodeURIComponent('[["i","apple"],["p","k","l"]]')}`);
  assert.deepEqual(request.drilldown, [['s', 'old'], ['i', 'apple'], ['p', 'k', 'l']]);
});

test('ranges parse each label as a numeric range', () => {
  const request = fromPost({ q: 'a', ranges: { price: { cheap: '[0 TO 100]', dear: '{100 TO Infinity}', any: '[* TO *]' } } });
  assert.deepEqual([...request.ranges!.get('price')!], [
    ['cheap', { min: 0, max: 100, minInclusive: true, maxInclusive: true }],
    ['dear', { min: 100, max: Infinity, minInclusive: false, maxInclusive: false }],
    ['any', { min: -Infinity, max: Infinity, minInclusive: true, maxInclusive: true }],
  ]);
});

test('every validation error', () => {
  rejects(() => fromGet('limit=3'), 'query_parse_error', "Query must include a 'q' or 'query' argument");
  rejects(() => fromGet('q=a&limit=201'), 'bad_request', 'Value for limit is too large, must not exceed 200');
  rejects(() => fromGet('q=a&limit=-1'), 'bad_request', 'limit must be greater than or equal to zero');
  rejects(() => fromGet('q=a&limit=x'), 'bad_request', 'Invalid value for limit: x');
  rejects(() => fromPost({ q: 'a', limit: 1.5 }), 'bad_request', 'Invalid value for limit: 1.5');
  rejects(() => fromGet('q=a&include_docs=x'), 'bad_request', 'Invalid value for include_docs: "x"');
  rejects(() => fromGet('q=a&include_fields=%22a%22'), 'bad_request', '"a" is not a valid include_fields query');
  rejects(() => fromGet('q=a&stale=yes'), 'bad_request', 'stale only available as stale=ok');
  rejects(() => fromGet('q=a&counts=%22a%22'), 'bad_request', '"a" is not a valid counts query');
  rejects(() => fromGet('q=a&counts=['), 'bad_request', 'invalid UTF-8 JSON');
  rejects(() => fromPost({ q: 'a', drilldown: ['only'] }), 'bad_request', 'invalid drilldown query');
  rejects(() => fromPost({ q: 'a', drilldown: 'x' }), 'bad_request', 'invalid drilldown query');
  rejects(() => fromPost({ q: 'a', ranges: [] }), 'bad_request', '[] is not a valid ranges query');
  rejects(() => fromPost({ q: 'a', ranges: { p: { x: 'cheap' } } }), 'bad_request', 'cheap was not a well-formed range specification');
  rejects(() => fromPost({ q: 'a', ranges: { p: { x: '[a TO b]' } } }), 'bad_request', '[a TO b] was not a well-formed range specification');
  rejects(() => fromGet('q=a&group_field=n%3Cnumber%3E'), 'bad_request', 'Group by number not supported. Group by string terms only.');
  rejects(() => fromGet('q=a&group_field=g&group_limit=201'), 'bad_request', 'Value for group_limit is too large, must not exceed 200');
  rejects(() => fromGet('q=a&group_field=g&group_limit=0'), 'bad_request', 'group_limit must be greater than zero');
  rejects(() => fromGet('q=a&highlight_number=0'), 'bad_request', 'highlight_number must be greater than zero');
  rejects(() => fromGet('q=a&highlight_size=0'), 'bad_request', 'highlight_size must be greater than zero');
  rejects(() => fromGet('q=a&sort=%22a%3Cdate%3E%22'), 'bad_request', 'Unrecognized type: date');
  rejects(() => fromGet('q=a&sort=%22%3Cbogus%3E%22'), 'bad_request', 'Unrecognized sort parameter: <bogus>');
  rejects(() => fromPost({ q: 'a', sort: [1] }), 'bad_request', 'Unrecognized sort parameter: [1]');
  rejects(() => fromPost({ q: 'a', bookmark: 5 }), 'bad_request', 'Invalid bookmark parameter supplied');
  rejects(() => paramsFromBody([]), 'bad_request', 'Request body must be a JSON object');
});

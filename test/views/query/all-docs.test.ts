import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocsMultiQuery, parseAllDocsQuery, UNLIMITED } from '../../../views/query/index.js';
import { badRequest, qs, queryParseError } from './helpers.js';

describe('parseAllDocsQuery', () => {
  it('fills the defaults', () => {
    assert.deepEqual(parseAllDocsQuery(qs('')), {
      kind: 'all_docs',
      inclusiveEnd: true,
      descending: false,
      skip: 0,
      limit: UNLIMITED,
      update: 'true',
      stable: false,
      updateSeq: false,
      sorted: true,
      includeDocs: false,
      conflicts: false,
      attachments: false,
      attEncodingInfo: false,
    });
  });

  it('never refuses a range: key="a"&startkey="b" selects b..a, which is empty', () => {
    const query = parseAllDocsQuery(qs('key="a"&startkey="b"'));
    assert.deepEqual([query.startId, query.endId], ['b', 'a']);
    const backwards = parseAllDocsQuery(qs('startkey="b"&endkey="a"'));
    assert.deepEqual([backwards.startId, backwards.endId], ['b', 'a']);
  });

  it('keeps key precedence as for views', () => {
    const query = parseAllDocsQuery(qs('startkey="b"&key="a"'));
    assert.deepEqual([query.startId, query.endId], ['a', 'a']);
    const design = parseAllDocsQuery(qs('startkey="_design/"&endkey="_design0"&inclusive_end=false'));
    assert.deepEqual([design.startId, design.endId, design.inclusiveEnd], ['_design/', '_design0', false]);
  });

  it('keeps a single-element keys as a multi-key fetch', () => {
    assert.deepEqual(parseAllDocsQuery(qs('keys=["a"]')).keys, ['a']);
    queryParseError(
      () => parseAllDocsQuery(qs('keys=["a"]&startkey="b"')),
      '`keys` is incompatible with `key`, `start_key` and `end_key`',
    );
  });

  it('bounds the range by string keys only, else by the docid parameters', () => {
    const numeric = parseAllDocsQuery(qs('startkey=1&endkey=["x"]'));
    assert.ok(!('startId' in numeric) && !('endId' in numeric));
    const docIds = parseAllDocsQuery(qs('startkey=1&startkey_docid=m&endkey_docid=p'));
    assert.deepEqual([docIds.startId, docIds.endId], ['m', 'p']);
    const both = parseAllDocsQuery(qs('startkey="c"&startkey_docid=m'));
    assert.equal(both.startId, 'c');
  });

  it('ignores the range and docids with keys', () => {
    const query = parseAllDocsQuery(qs('keys=["a","b"]&startkey_docid=m&descending=true'));
    assert.deepEqual(query.keys, ['a', 'b']);
    assert.ok(!('startId' in query));
    assert.equal(query.descending, true);
  });

  it('validates as a map-only view', () => {
    queryParseError(() => parseAllDocsQuery(qs('reduce=true')), 'Reduce is invalid for map-only views.');
    queryParseError(() => parseAllDocsQuery(qs('group=true')), 'Invalid use of grouping on a map view.');
    queryParseError(() => parseAllDocsQuery(qs('limit=-1')), 'Invalid value for positive integer: "-1"');
    queryParseError(() => parseAllDocsQuery(qs('partition=p')), '`partition` parameter is not supported on this db');
    const docs = parseAllDocsQuery(qs('include_docs=true&conflicts=true&attachments=true'));
    assert.deepEqual([docs.includeDocs, docs.conflicts, docs.attachments], [true, true, true]);
  });

  it('applies a configured query limit', () => {
    assert.equal(parseAllDocsQuery(qs(''), undefined, { maxLimit: 5 }).limit, 5);
    queryParseError(() => parseAllDocsQuery(qs('limit=6'), undefined, { maxLimit: 5 }), 'Limit is too large, must not exceed 5');
  });

  it('refuses GET keys that are not an array, before anything else', () => {
    badRequest(() => parseAllDocsQuery(qs('limit=x&keys=1')), '`keys` parameter must be an array.');
    badRequest(() => parseAllDocsQuery(qs('keys={"a":1}')), '`keys` parameter must be an array.');
    badRequest(() => parseAllDocsQuery(qs('keys=foo')), 'invalid UTF-8 JSON');
    badRequest(() => parseAllDocsQuery(qs('startkey=foo')), 'invalid UTF-8 JSON');
  });

  it('checks a POST body, and lets the query string win over it', () => {
    badRequest(() => parseAllDocsQuery(qs(''), []), 'Request body must be a JSON object');
    badRequest(() => parseAllDocsQuery(qs(''), { keys: 1 }), '`keys` body member must be an array.');
    badRequest(() => parseAllDocsQuery(qs(''), { keys: null }), '`keys` body member must be an array.');
    const query = parseAllDocsQuery(qs('limit=1'), { keys: ['1', 'foo'], limit: 2 });
    assert.deepEqual([query.keys, query.limit], [['1', 'foo'], 1]);
  });

  it('reads [name, value] pairs given as a one-shot iterable', () => {
    function* pairs(): Generator<[string, string]> {
      yield ['keys', '["x","y"]'];
      yield ['limit', '1'];
    }
    const query = parseAllDocsQuery(pairs());
    assert.deepEqual([query.keys, query.limit], [['x', 'y'], 1]);
  });
});

describe('parseAllDocsMultiQuery', () => {
  it('validates each query, with query-string defaults', () => {
    const queries = parseAllDocsMultiQuery({ queries: [{ keys: ['a'] }, { startkey: 'b', limit: 1 }] }, qs('skip=1'));
    assert.deepEqual(queries.map((query) => [query.keys, query.startId, query.limit, query.skip]), [
      [['a'], undefined, UNLIMITED, 1],
      [undefined, 'b', 1, 1],
    ]);
  });

  it('refuses a body without queries', () => {
    badRequest(() => parseAllDocsMultiQuery({ keys: ['a'] }, qs('')), 'POST body must include `queries` parameter.');
    queryParseError(() => parseAllDocsMultiQuery({ queries: [{ reduce: true }] }, qs('')), 'Reduce is invalid for map-only views.');
  });
});

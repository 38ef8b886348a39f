import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseViewQuery,
  UNLIMITED,
  validateViewQuery,
  type Collate,
  type ViewInfo,
} from '../../../views/query/index.js';
import { caseBlind, icuLike, qs, queryParseError, rawLike } from './helpers.js';

const mapView: ViewInfo = { hasReduce: false, collate: icuLike };
const reduceView: ViewInfo = { hasReduce: true, collate: icuLike };
const query = (text: string, view: ViewInfo = mapView) => validateViewQuery(parseViewQuery(qs(text)), view);
const withCollation = (collate: Collate, text: string) => query(text, { hasReduce: false, collate });

const ASCENDING = 'No rows can match your key range, reverse your start_key and end_key or set descending=true';
const DESCENDING = 'No rows can match your key range, reverse your start_key and end_key or set descending=false';

describe('validateViewQuery: resolved shape', () => {
  it('fills every default of a map query', () => {
    assert.deepEqual(query(''), {
      kind: 'map',
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

  it('fills every default of a reduce query, with no document options', () => {
    assert.deepEqual(query('', reduceView), {
      kind: 'reduce',
      group: { kind: 'all' },
      inclusiveEnd: true,
      descending: false,
      skip: 0,
      limit: UNLIMITED,
      update: 'true',
      stable: false,
      updateSeq: false,
      sorted: true,
    });
  });

  it('queries the map rows of a reduce view with reduce=false', () => {
    const resolved = query('reduce=false&include_docs=true&conflicts=true', reduceView);
    assert.equal(resolved.kind, 'map');
    assert.ok(resolved.kind === 'map' && resolved.includeDocs && resolved.conflicts);
  });

  it('keeps a range and its docid bounds', () => {
    const resolved = query('startkey=1&startkey_docid=a&endkey=5&endkey_docid=b&inclusive_end=false&descending=false');
    assert.equal(resolved.startKey, 1);
    assert.equal(resolved.endKey, 5);
    assert.equal(resolved.startDocId, 'a');
    assert.equal(resolved.endDocId, 'b');
    assert.equal(resolved.inclusiveEnd, false);
  });

  it('drops a docid bound that has no key to refine', () => {
    const resolved = query('startkey_docid=a&endkey_docid=b&endkey=3');
    assert.ok(!('startDocId' in resolved));
    assert.equal(resolved.endDocId, 'b');
  });

  it('keeps docid bounds for every key of a multi-key fetch, with no range', () => {
    const resolved = query('keys=[0,2]&startkey_docid=21&endkey_docid=23');
    assert.deepEqual(resolved.keys, [0, 2]);
    assert.deepEqual([resolved.startDocId, resolved.endDocId], ['21', '23']);
    assert.ok(!('startKey' in resolved) && !('endKey' in resolved));
  });

  it('drops the range of keys=[] (nothing to fetch)', () => {
    const resolved = query('keys=[]&startkey=1');
    assert.deepEqual(resolved.keys, []);
    assert.ok(!('startKey' in resolved));
  });

  it('answers stale=ok without updating', () => {
    const resolved = query('stale=ok&update_seq=true');
    assert.deepEqual([resolved.update, resolved.stable, resolved.updateSeq], ['false', true, true]);
  });

  it('treats a single key as key on a reduce view, without needing group=true', () => {
    const resolved = query('keys=["a"]', reduceView);
    assert.equal(resolved.kind, 'reduce');
    assert.deepEqual([resolved.startKey, resolved.endKey, resolved.keys], ['a', 'a', undefined]);
    const grouped = validateViewQuery(parseViewQuery(qs(''), { keys: ['a'], group: 'true' }), reduceView);
    assert.ok(grouped.kind === 'reduce' && grouped.group.kind === 'exact');
  });

  it('takes the query-string limit over the body one', () => {
    assert.equal(validateViewQuery(parseViewQuery(qs('limit=1'), { keys: ['a', 'b'], limit: 2 }), mapView).limit, 1);
  });
});

describe('validateViewQuery: key/startkey/endkey precedence (chttpd_view_test)', () => {
  it('key then endkey: a..b', () => {
    const resolved = query('key="a"&endkey="b"');
    assert.deepEqual([resolved.startKey, resolved.endKey], ['a', 'b']);
  });

  it('endkey then key: only a', () => {
    const resolved = query('endkey="b"&key="a"');
    assert.deepEqual([resolved.startKey, resolved.endKey], ['a', 'a']);
  });

  it('startkey then key: only a', () => {
    const resolved = query('startkey="b"&key="a"');
    assert.deepEqual([resolved.startKey, resolved.endKey], ['a', 'a']);
  });

  it('key then startkey: no rows can match', () => {
    queryParseError(() => query('key="a"&startkey="b"'), ASCENDING);
  });

  it('a single key then startkey: no rows can match', () => {
    queryParseError(() => query('keys=["a"]&startkey="b"'), ASCENDING);
  });

  it('several keys and start_key: incompatible', () => {
    queryParseError(
      () => query('keys=["a","b"]&start_key="b"'),
      '`keys` is incompatible with `key`, `start_key` and `end_key`',
    );
  });
});

describe('validateViewQuery: impossible ranges', () => {
  it('refuses a backwards ascending range and its mirror', () => {
    queryParseError(() => query('startkey=2&endkey=1'), ASCENDING);
    queryParseError(() => query('startkey=1&endkey=2&descending=true'), DESCENDING);
    assert.equal(query('startkey=2&endkey=1&descending=true').startKey, 2);
    assert.equal(query('startkey=1&endkey=2').endKey, 2);
  });

  it('checks only when both ends are given', () => {
    assert.equal(query('startkey=2').startKey, 2);
    assert.equal(query('endkey=1&descending=true').endKey, 1);
  });

  it('never refuses identical keys, whatever their docids', () => {
    assert.equal(query('key=1&startkey_docid=b&endkey_docid=a').startKey, 1);
    assert.equal(query('key=1&startkey_docid=a&endkey_docid=b&descending=true').startKey, 1);
  });

  it('compares with the view collation: raw allows startkey="Z"&endkey="a"', () => {
    queryParseError(() => withCollation(icuLike, 'startkey="Z"&endkey="a"'), ASCENDING);
    assert.equal(withCollation(rawLike, 'startkey="Z"&endkey="a"').startKey, 'Z');
    queryParseError(() => withCollation(rawLike, 'startkey="a"&endkey="Z"'), ASCENDING);
  });

  it('falls to the docids for collation-equal keys, with per-direction defaults', () => {
    // "a" and "A" are different keys that collate equal under caseBlind.
    assert.equal(withCollation(caseBlind, 'startkey="a"&endkey="A"').startKey, 'a');
    assert.equal(withCollation(caseBlind, 'startkey="a"&endkey="A"&descending=true').startKey, 'a');
    queryParseError(() => withCollation(caseBlind, 'startkey="a"&endkey="A"&startkey_docid=b&endkey_docid=a'), ASCENDING);
    assert.equal(withCollation(caseBlind, 'startkey="a"&endkey="A"&startkey_docid=a&endkey_docid=b').endDocId, 'b');
    queryParseError(
      () => withCollation(caseBlind, 'startkey="a"&endkey="A"&startkey_docid=a&endkey_docid=b&descending=true'),
      DESCENDING,
    );
    assert.equal(withCollation(caseBlind, 'startkey="a"&endkey="A"&startkey_docid=b&endkey_docid=a&descending=true').kind, 'map');
  });

  it('compares defaulted docids: "" below every id, 0xFF above', () => {
    // Ascending: start docid defaults to "", end to 0xFF.
    queryParseError(() => withCollation(caseBlind, 'startkey="a"&endkey="A"&startkey_docid=x&endkey_docid='), ASCENDING);
    assert.equal(withCollation(caseBlind, 'startkey="a"&endkey="A"&startkey_docid=\u{10FFFF}').kind, 'map');
    // Descending: start docid defaults to 0xFF, end to "".
    assert.equal(withCollation(caseBlind, 'startkey="a"&endkey="A"&descending=true&endkey_docid=\u{10FFFF}').kind, 'map');
    queryParseError(
      () => withCollation(caseBlind, 'startkey="a"&endkey="A"&descending=true&endkey_docid=x&startkey_docid='),
      DESCENDING,
    );
  });

  it('orders docids by UTF-8 bytes, not UTF-16 code units', () => {
    // JS says "\u{10000}" < "\uFFFF"; UTF-8 (F0... vs EF...) says the opposite.
    const params = new URLSearchParams({ startkey: '"a"', endkey: '"A"', startkey_docid: '\u{10000}', endkey_docid: '\uFFFF' });
    queryParseError(() => validateViewQuery(parseViewQuery(params), { hasReduce: false, collate: caseBlind }), ASCENDING);
  });
});

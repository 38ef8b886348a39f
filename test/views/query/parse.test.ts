import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseViewQuery } from '../../../views/query/index.js';
import { badRequest, qs, queryParseError } from './helpers.js';

describe('parseViewQuery: defaults and names', () => {
  it('gives the defaults when no parameter is given', () => {
    assert.deepEqual(parseViewQuery(qs('')), {
      descending: false,
      skip: 0,
      inclusiveEnd: true,
      includeDocs: false,
      attachments: false,
      attEncodingInfo: false,
      update: 'true',
      stable: false,
      updateSeq: false,
      sorted: true,
    });
  });

  it('accepts every alias of the key and docid bounds', () => {
    const long = parseViewQuery(qs('startkey=1&endkey=2&startkey_docid=a&endkey_docid=b'));
    const short = parseViewQuery(qs('start_key=1&end_key=2&start_key_doc_id=a&end_key_doc_id=b'));
    assert.deepEqual(long, short);
    assert.equal(long.startKey, 1);
    assert.equal(long.endKey, 2);
    assert.equal(long.startKeyDocId, 'a');
    assert.equal(long.endKeyDocId, 'b');
  });

  it('accepts [name, value] pairs as well as URLSearchParams', () => {
    assert.deepEqual(parseViewQuery([['limit', '3'], ['key', '"k"']]), parseViewQuery(qs('limit=3&key="k"')));
  });

  it('reads every parameter of the table', () => {
    const args = parseViewQuery(
      qs(
        'reduce=false&group=true&group_level=2&descending=true&inclusive_end=false&include_docs=true' +
          '&conflicts=true&attachments=true&att_encoding_info=true&update_seq=true&sorted=false' +
          '&limit=7&skip=3&stable=true&update=lazy&partition=p',
      ),
    );
    assert.deepEqual(args, {
      reduce: false,
      group: true,
      groupLevel: 2,
      descending: true,
      inclusiveEnd: false,
      includeDocs: true,
      conflicts: true,
      attachments: true,
      attEncodingInfo: true,
      updateSeq: true,
      sorted: false,
      limit: 7,
      skip: 3,
      stable: true,
      update: 'lazy',
      partition: 'p',
    });
  });

  it('ignores unknown parameters and the empty name', () => {
    assert.deepEqual(parseViewQuery(qs('foobar=42&=x&callback=cb')), parseViewQuery(qs('')));
  });

  it('does not take `constructor` or `__proto__` for parameters', () => {
    assert.deepEqual(parseViewQuery(qs('constructor=1&__proto__=2&toString=3')), parseViewQuery(qs('')));
  });
});

describe('parseViewQuery: order and precedence', () => {
  it('lets a later parameter override an earlier one', () => {
    assert.equal(parseViewQuery(qs('limit=1&limit=2')).limit, 2);
    assert.equal(parseViewQuery(qs('descending=true&descending=false')).descending, false);
  });

  it('makes `key` set both ends, which later startkey/endkey override one at a time', () => {
    const keyThenEnd = parseViewQuery(qs('key="a"&endkey="b"'));
    assert.deepEqual([keyThenEnd.startKey, keyThenEnd.endKey], ['a', 'b']);
    const endThenKey = parseViewQuery(qs('endkey="b"&key="a"'));
    assert.deepEqual([endThenKey.startKey, endThenKey.endKey], ['a', 'a']);
    const startThenKey = parseViewQuery(qs('startkey="b"&key="a"'));
    assert.deepEqual([startThenKey.startKey, startThenKey.endKey], ['a', 'a']);
    const keyThenStart = parseViewQuery(qs('key="a"&startkey="b"'));
    assert.deepEqual([keyThenStart.startKey, keyThenStart.endKey], ['b', 'a']);
  });

  it('reports the first bad parameter in order', () => {
    queryParseError(() => parseViewQuery(qs('limit=x&skip=y')), 'Invalid value for integer: "x"');
    queryParseError(() => parseViewQuery(qs('skip=y&limit=x')), 'Invalid value for integer: "y"');
  });

  it('keeps JSON null as a key, distinct from "not given"', () => {
    const args = parseViewQuery(qs('key=null'));
    assert.equal(args.startKey, null);
    assert.equal(args.endKey, null);
    assert.ok(!('keys' in args));
  });
});

describe('parseViewQuery: booleans', () => {
  it('accepts true and false in any letter case', () => {
    assert.equal(parseViewQuery(qs('descending=TRUE')).descending, true);
    assert.equal(parseViewQuery(qs('include_docs=True')).includeDocs, true);
    assert.equal(parseViewQuery(qs('inclusive_end=FaLsE')).inclusiveEnd, false);
  });

  it('refuses anything else with the value quoted', () => {
    queryParseError(() => parseViewQuery(qs('descending=yes')), 'Invalid boolean parameter: "yes"');
    queryParseError(() => parseViewQuery(qs('group=1')), 'Invalid boolean parameter: "1"');
    queryParseError(() => parseViewQuery(qs('reduce=')), 'Invalid boolean parameter: ""');
    queryParseError(() => parseViewQuery(qs('sorted=a"b')), 'Invalid boolean parameter: "a\\"b"');
  });

  it('takes JSON booleans and strings from a body', () => {
    assert.equal(parseViewQuery(qs(''), { descending: true }).descending, true);
    assert.equal(parseViewQuery(qs(''), { group: 'TRUE' }).group, true);
    queryParseError(() => parseViewQuery(qs(''), { descending: 'no' }), 'Invalid boolean parameter: "no"');
    queryParseError(() => parseViewQuery(qs(''), { descending: 1 }), 'Invalid boolean parameter: 1');
    queryParseError(() => parseViewQuery(qs(''), { descending: null }), 'Invalid boolean parameter: null');
  });
});

describe('parseViewQuery: integers', () => {
  it('accepts what Erlang list_to_integer accepts', () => {
    assert.equal(parseViewQuery(qs('limit=10')).limit, 10);
    assert.equal(parseViewQuery(qs('limit=%2B5')).limit, 5);
    assert.equal(parseViewQuery(qs('skip=007')).skip, 7);
    assert.ok(Object.is(parseViewQuery(qs('skip=-0')).skip, 0));
    assert.equal(parseViewQuery(qs('limit=0')).limit, 0);
  });

  it('refuses non-integers with "Invalid value for integer"', () => {
    queryParseError(() => parseViewQuery(qs('limit=abc')), 'Invalid value for integer: "abc"');
    queryParseError(() => parseViewQuery(qs('skip=1.5')), 'Invalid value for integer: "1.5"');
    queryParseError(() => parseViewQuery(qs('limit=')), 'Invalid value for integer: ""');
    queryParseError(() => parseViewQuery(qs('group_level=%201')), 'Invalid value for integer: " 1"');
  });

  it('refuses negatives with "Invalid value for positive integer"', () => {
    queryParseError(() => parseViewQuery(qs('limit=-1')), 'Invalid value for positive integer: "-1"');
    queryParseError(() => parseViewQuery(qs('skip=-3')), 'Invalid value for positive integer: "-3"');
    queryParseError(() => parseViewQuery(qs('group_level=-2')), 'Invalid value for positive integer: "-2"');
  });

  it('prints body values the way Erlang ~p does', () => {
    assert.equal(parseViewQuery(qs(''), { limit: 2 }).limit, 2);
    queryParseError(() => parseViewQuery(qs(''), { limit: -1 }), 'Invalid value for positive integer: -1');
    queryParseError(() => parseViewQuery(qs(''), { limit: '5' }), 'Invalid value for integer: <<"5">>');
    queryParseError(() => parseViewQuery(qs(''), { skip: 1.5 }), 'Invalid value for integer: 1.5');
    queryParseError(() => parseViewQuery(qs(''), { skip: true }), 'Invalid value for integer: true');
  });
});

describe('parseViewQuery: JSON and text parameters', () => {
  it('decodes JSON-typed parameters', () => {
    const args = parseViewQuery(qs('startkey=["a",{"b":1}]&endkey=12.5&keys=[1,"x",null]'));
    assert.deepEqual(args.startKey, ['a', { b: 1 }]);
    assert.equal(args.endKey, 12.5);
    assert.deepEqual(args.keys, [1, 'x', null]);
  });

  it('answers undecodable JSON with 400 bad_request "invalid UTF-8 JSON"', () => {
    for (const query of ['startkey=foo', 'endkey={', 'key=', 'keys=[1,', 'start_key=\'a\'', 'end_key=undefined']) {
      badRequest(() => parseViewQuery(qs(query)), 'invalid UTF-8 JSON');
    }
  });

  it('takes docids as raw text, not JSON', () => {
    assert.equal(parseViewQuery(qs('startkey_docid="13"')).startKeyDocId, '"13"');
    assert.equal(parseViewQuery(qs('endkey_docid=13')).endKeyDocId, '13');
  });

  it('prints body scalars given as docids, as couch_util:to_binary does', () => {
    const args = parseViewQuery(qs(''), { startkey_docid: 21, endkey_docid: true });
    assert.equal(args.startKeyDocId, '21');
    assert.equal(args.endKeyDocId, 'true');
    assert.deepEqual(parseViewQuery(qs(''), { startkey_docid: [1] }).startKeyDocId, [1]);
  });
});

describe('parseViewQuery: freshness', () => {
  it('maps stale=ok and stale=update_after', () => {
    const ok = parseViewQuery(qs('stale=ok'));
    assert.deepEqual([ok.stable, ok.update], [true, 'false']);
    const after = parseViewQuery(qs('stale=update_after'));
    assert.deepEqual([after.stable, after.update], [true, 'lazy']);
  });

  it('refuses other stale values, case included', () => {
    for (const value of ['OK', 'true', 'false', '']) {
      queryParseError(() => parseViewQuery(qs(`stale=${value}`)), 'Invalid value for `stale`.');
    }
    queryParseError(() => parseViewQuery(qs(''), { stale: true }), 'Invalid value for `stale`.');
  });

  it('accepts update=true|false|lazy exactly', () => {
    assert.equal(parseViewQuery(qs('update=false')).update, 'false');
    assert.equal(parseViewQuery(qs('update=lazy')).update, 'lazy');
    assert.equal(parseViewQuery(qs('update=false&update=true')).update, 'true');
    queryParseError(() => parseViewQuery(qs('update=TRUE')), 'Invalid value for `update`.');
    queryParseError(() => parseViewQuery(qs('update=later')), 'Invalid value for `update`.');
  });

  it('accepts stable=true|false exactly', () => {
    assert.equal(parseViewQuery(qs('stable=true')).stable, true);
    queryParseError(() => parseViewQuery(qs('stable=True')), 'Invalid value for `stable`.');
  });

  it('accepts JSON booleans for stable and update in a body', () => {
    const args = parseViewQuery(qs(''), { stable: true, update: false });
    assert.deepEqual([args.stable, args.update], [true, 'false']);
    assert.equal(parseViewQuery(qs(''), { update: 'lazy' }).update, 'lazy');
    queryParseError(() => parseViewQuery(qs(''), { update: 1 }), 'Invalid value for `update`.');
  });

  it('lets a later update override stale', () => {
    const args = parseViewQuery(qs('stale=ok&update=true'));
    assert.deepEqual([args.stable, args.update], [true, 'true']);
  });
});

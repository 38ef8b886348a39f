import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatErlangTerm } from '../../../views/reduce/erlang-term.js';

describe('formatErlangTerm', () => {
  it('prints JSON as the Erlang terms CouchDB’s messages show', () => {
    assert.equal(formatErlangTerm(null), 'null');
    assert.equal(formatErlangTerm(true), 'true');
    assert.equal(formatErlangTerm(42), '42');
    assert.equal(formatErlangTerm(-1.5), '-1.5');
    assert.equal(formatErlangTerm(1e-7), '1.0e-7');
    assert.equal(formatErlangTerm(1.5e300), '1.5e300');
    assert.equal(formatErlangTerm('say "hi"'), '<<"say \\"hi\\"">>');
    assert.equal(formatErlangTerm([1, 'x', []]), '[1,<<"x">>,[]]');
    assert.equal(formatErlangTerm({ a: { b: null } }), '{[{<<"a">>,{[{<<"b">>,null}]}}]}');
    assert.equal(formatErlangTerm({}), '{[]}');
  });
});

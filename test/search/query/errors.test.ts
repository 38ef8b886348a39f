import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_NESTING, parseQuery } from '../../../search/query/index.js';
import { badRequestReason } from './helpers.js';

const reasonFor = (query: string): string => badRequestReason(() => parseQuery(query));

describe('parseQuery errors (400 bad_request, worded like Lucene)', () => {
  it('reports an unclosed group at the end of the input (the documented example)', () => {
    const reason = reasonFor('foo:(bar');
    assert.ok(reason.startsWith(`Cannot parse 'foo:(bar': Encountered "<EOF>" at line 1, column 8.\nWas expecting one of:\n    ")" ...`), reason);
  });

  it('refuses leading wildcards with Lucene’s messages', () => {
    assert.equal(reasonFor('*foo'), "Cannot parse '*foo': '*' or '?' not allowed as first character in WildcardQuery");
    assert.equal(reasonFor('?oo'), "Cannot parse '?oo': '*' or '?' not allowed as first character in WildcardQuery");
    assert.equal(reasonFor('f:*'), "Cannot parse 'f:*': '*' or '?' not allowed as first character in WildcardQuery");
    assert.equal(reasonFor('*'), "Cannot parse '*': '*' or '?' not allowed as first character in WildcardQuery");
    assert.equal(reasonFor('\\*foo*'), "Cannot parse '\\*foo*': '*' not allowed as first character in PrefixQuery");
  });

  it('reports a dangling operator, naming what was expected', () => {
    for (const query of ['a AND', 'a OR', 'a NOT', '+', '-', 'a AND OR b']) {
      assert.match(reasonFor(query), /^Cannot parse '.*': Encountered .* at line 1, column \d+\.\nWas expecting one of:\n {4}/, query);
    }
    assert.match(reasonFor('AND a'), /Encountered " <AND> "AND "" at line 1, column 0\./);
  });

  it('reports a field with nothing after it', () => {
    assert.match(reasonFor('title:'), /Encountered "<EOF>" at line 1, column 6\.\nWas expecting one of:\n {4}<BAREOPER> \.\.\./);
    assert.match(reasonFor('title: AND x'), /Encountered " <AND> "AND "" at line 1, column 7\./);
  });

  it('reports unbalanced parentheses', () => {
    assert.match(reasonFor('(a'), /Encountered "<EOF>" at line 1, column 2\./);
    assert.match(reasonFor('a)'), /Encountered " "\)" "\) "" at line 1, column 1\.\nWas expecting one of:\n {4}<EOF>\n/);
    assert.match(reasonFor(')'), /column 0\./);
    assert.match(reasonFor('()'), /Encountered " "\)" "\) "" at line 1, column 1\./);
  });

  it('reports unclosed quotes and regexps as lexical errors', () => {
    assert.equal(reasonFor('"abc'), `Cannot parse '"abc': Lexical error at line 1, column 5.  Encountered: <EOF> after : "\\"abc"`);
    assert.equal(reasonFor('/abc'), `Cannot parse '/abc': Lexical error at line 1, column 5.  Encountered: <EOF> after : "/abc"`);
  });

  it('reports characters no token accepts', () => {
    assert.equal(reasonFor('a ] b'), `Cannot parse 'a ] b': Lexical error at line 1, column 3.  Encountered: "]" (93), after : ""`);
    assert.equal(reasonFor('a}'), `Cannot parse 'a}': Lexical error at line 1, column 3.  Encountered: <EOF> after : ""`);
    assert.equal(reasonFor('a\\'), `Cannot parse 'a\\': Lexical error at line 1, column 3.  Encountered: <EOF> after : ""`);
  });

  it('reports malformed ranges', () => {
    assert.match(reasonFor('[a TO b'), /Encountered "<EOF>" at line 1, column 7\.\nWas expecting one of:\n {4}"\]" \.\.\.\n {4}"}" \.\.\./);
    assert.match(reasonFor('[a TO]'), /Encountered " "\]" "\] "" at line 1, column 5\./);
    assert.match(reasonFor('[a TO b c]'), /Encountered " <RANGE_GOOP> "c "" at line 1, column 8\./);
    assert.match(reasonFor('[TO b]'), /Encountered " "TO" "TO "" at line 1, column 1\./);
    assert.match(reasonFor('x:{a TO *'), /Encountered "<EOF>"/);
  });

  it('reports a boost without a number', () => {
    assert.match(reasonFor('a^'), /Encountered "<EOF>" at line 1, column 2\.\nWas expecting:\n {4}<NUMBER> \.\.\./);
    assert.equal(reasonFor('a^x b'), `Cannot parse 'a^x b': Lexical error at line 1, column 3.  Encountered: "x" (120), after : ""`);
    assert.match(reasonFor('a^ 2'), /Lexical error at line 1, column 3\.  Encountered: " " \(32\)/);
  });

  it('reports a second colon', () => {
    assert.match(reasonFor('a:b:c'), /Encountered " ":" ": "" at line 1, column 3\./);
  });

  it('reports fractional edit distances and bad escapes', () => {
    assert.equal(reasonFor('aple~1.5'), "Cannot parse 'aple~1.5': Fractional edit distances are not allowed!");
    assert.equal(reasonFor('\\u12'), "Cannot parse '\\u12': Truncated unicode escape sequence.");
    assert.equal(reasonFor('\\uxyz1'), "Cannot parse '\\uxyz1': Non-hex character in Unicode escape sequence: x");
    assert.equal(reasonFor('"\\u00"'), `Cannot parse '"\\u00"': Truncated unicode escape sequence.`);
  });

  it('refuses an empty query', () => {
    assert.match(reasonFor(''), /^Cannot parse '': Encountered "<EOF>" at line 1, column 0\./);
    assert.match(reasonFor('   '), /column 3\./);
  });

  it(`refuses parentheses nested more than ${MAX_NESTING} deep`, () => {
    const deep = `${'('.repeat(MAX_NESTING + 1)}x${')'.repeat(MAX_NESTING + 1)}`;
    assert.match(reasonFor(deep), /nested deeper than/);
    const fine = `${'('.repeat(MAX_NESTING)}x${')'.repeat(MAX_NESTING)}`;
    assert.deepEqual(parseQuery(fine), { kind: 'term', field: 'default', text: 'x' });
  });
});

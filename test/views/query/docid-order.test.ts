import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compareDocIds } from '../../../views/query/index.js';

/** The oracle: the bytes Node's UTF-8 encoder writes. */
const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** Characters chosen to share prefixes often, straddle U+FFFF, and include lone surrogates. */
const docIdChar = fc.oneof(
  fc.constantFrom('a', 'b', 'Z', '\u00e9', '\uffff', '\u{10000}', '\u{1f600}', '\ufffd'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)),
);
const docId = fc.string({ unit: docIdChar, maxLength: 6 });

describe('compareDocIds', () => {
  it('orders by UTF-8 bytes where JS code units disagree', () => {
    assert.ok('\u{10000}' < '\uffff');
    assert.equal(compareDocIds('\u{10000}', '\uffff'), 1);
    assert.equal(compareDocIds('\uffff', '\u{10000}'), -1);
  });

  it('orders ASCII as bytes: uppercase first, prefixes first', () => {
    assert.equal(compareDocIds('Z', 'a'), -1);
    assert.equal(compareDocIds('', 'a'), -1);
    assert.equal(compareDocIds('a', 'aa'), -1);
    assert.equal(compareDocIds('10', '9'), -1);
    assert.equal(compareDocIds('same', 'same'), 0);
    assert.equal(compareDocIds('\u00e9', 'z'), 1);
  });

  it('agrees with Buffer.compare on UTF-8 for any pair of strings', () => {
    fc.assert(
      fc.property(docId, docId, (a, b) => {
        assert.equal(compareDocIds(a, b), byteOrder(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('is antisymmetric and reflexive', () => {
    fc.assert(
      fc.property(docId, docId, (a, b) => {
        assert.equal(compareDocIds(a, b), -compareDocIds(b, a) || 0);
        assert.equal(compareDocIds(a, a), 0);
      }),
    );
  });
});

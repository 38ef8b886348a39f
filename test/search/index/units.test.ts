/** Building blocks against oracles: key order, postings codec, edit distance, fragments, bookmarks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compareCodePoints } from '../../../search/index/document.js';
import { doubleKey, readDoubleKey, readStringKey, stringKey } from '../../../search/index/keys.js';
import { decodePostings, emptyPostings, encodePostings, removePosting, setPosting } from '../../../search/index/postings-block.js';
import { editDistance } from '../../../search/index/levenshtein.js';
import { highlightField } from '../../../search/index/highlight.js';
import { decodeBookmark, encodeBookmark } from '../../../search/index/bookmark.js';
import { buildAnalyzer, parseAnalyzerSpec } from '../../../search/analysis/index.js';

const sign = (n: number) => Math.sign(n);

test('string keys sort in code-point order and round-trip, 0x00 and 0x01 included', () =>
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('', '\u0000', '\u0001', 'x\u0000'), (a, b, suffix) => {
      const [x, y] = [a + suffix, b];
      assert.equal(sign(Buffer.compare(stringKey(x), stringKey(y))), sign(compareCodePoints(x, y)));
      assert.equal(readStringKey(stringKey(x)).text, x);
    }),
  ));

test('double keys sort numerically and round-trip', () =>
  fc.assert(
    fc.property(fc.double({ noNaN: true }), fc.double({ noNaN: true }), (a, b) => {
      const order = a === b || (a === 0 && b === 0) ? 0 : a < b ? -1 : 1;
      assert.equal(sign(Buffer.compare(doubleKey(a), doubleKey(b))), order);
      assert.equal(readDoubleKey(doubleKey(a), 0), a === 0 ? 0 : a);
    }),
  ));

test('postings blocks: edits and the codec agree with a plain map', () =>
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 255 }), fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { maxLength: 5 }))), { maxLength: 60 }), (edits) => {
      const model = new Map<number, number[]>();
      let entries = emptyPostings();
      for (const [slot, positions] of edits) {
        if (positions && positions.length) {
          const sorted = [...positions].sort((a, b) => a - b);
          setPosting(entries, slot, sorted);
          model.set(slot, sorted);
        } else {
          removePosting(entries, slot);
          model.delete(slot);
        }
        entries = decodePostings(encodePostings(entries));
      }
      const expected = [...model].sort((a, b) => a[0] - b[0]);
      assert.deepEqual(entries.slots, expected.map(([slot]) => slot));
      assert.deepEqual(entries.freqs, expected.map(([, list]) => list.length));
      assert.deepEqual(entries.positions, expected.flatMap(([, list]) => list));
    }),
  ));

/** Optimal string alignment distance, unbounded, by the textbook recurrence. */
function osa(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[x.length]![y.length]!;
}

test('bounded edit distance equals brute force up to the bound', () =>
  fc.assert(
    fc.property(fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'b', 'c', 'é') }), fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'b', 'c', 'é') }), fc.integer({ min: 0, max: 2 }), (a, b, max) => {
      assert.equal(editDistance(a, b, max), Math.min(osa(a, b), max + 1));
    }),
  ));

test('highlighting: fragment size, number of fragments, best fragments first', () => {
  const analyzer = buildAnalyzer(parseAnalyzerSpec('standard')).forField('body');
  const text = `one target here ${'pad '.repeat(30)}target again ${'pad '.repeat(30)}last target`;
  const options = { fields: ['body'], preTag: '[', postTag: ']', number: 2, size: 30 };
  const matches = (term: string) => term === 'target' || term === 'again';
  const fragments = highlightField(text, analyzer, matches, options);
  assert.equal(fragments.length, 2);
  assert.ok(fragments[0]!.includes('[target] [again]'), fragments[0]);
  assert.ok(fragments[1]!.startsWith('one [target] here'), fragments[1]);
  assert.ok(fragments.every((fragment) => fragment.length <= 30 + 2 * '[]'.length + 'again '.length));
  assert.equal(highlightField(text, analyzer, matches, { ...options, number: 10 }).length, 3);
  assert.deepEqual(highlightField(text, analyzer, (term) => term === 'absent', options), []);
  assert.deepEqual(highlightField(['a target', 'b target'], analyzer, (term) => term === 'target', { ...options, number: 5 }), ['a [target]', 'b [target]']);
});

test('bookmarks round-trip and refuse garbage', () => {
  const bookmark = encodeBookmark('-<score>', { values: [1.5], id: 'doc"1' });
  assert.deepEqual(decodeBookmark(bookmark, '-<score>'), { values: [1.5], id: 'doc"1' });
  assert.equal(decodeBookmark(encodeBookmark('x', undefined), 'x'), undefined);
  for (const garbage of ['!', 'e30', Buffer.from('{"s":"x","p":[1,2]}').toString('base64url'), Buffer.from('[1]').toString('base64url')]) {
    assert.throws(() => decodeBookmark(garbage, 'x'), /Invalid bookmark parameter supplied/);
  }
});

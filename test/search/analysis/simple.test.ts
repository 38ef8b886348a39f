import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { namedAnalyzer } from '../../../search/analysis/index.js';
import { terms } from './helpers.js';

describe('keyword analyzer', () => {
  it('emits the whole input as one token, case and punctuation kept', () => {
    assert.deepEqual(terms('keyword', 'ablanks@renovations.com'), ['ablanks@renovations.com']);
    assert.deepEqual(namedAnalyzer('keyword').analyze('The Fox!'), [{ term: 'The Fox!', position: 0, start: 0, end: 8 }]);
  });

  it('ignores stop words and emits an empty token for empty input, as Lucene does', () => {
    assert.deepEqual(terms('keyword', 'the', { stopwords: ['the'] }), ['the']);
    assert.deepEqual(terms('keyword', ''), ['']);
  });
});

describe('simple analyzer', () => {
  it('splits at every non-letter, digits included, and lower-cases; no stop words', () => {
    assert.deepEqual(terms('simple', "The R2D2 droid's 3 parts"), ['the', 'r', 'd', 'droid', 's', 'parts']);
  });

  it('cuts letter runs longer than 255 characters into pieces', () => {
    assert.deepEqual(
      terms('simple', 'a'.repeat(300)).map((term) => term.length),
      [255, 45],
    );
  });
});

describe('simple_asciifolding analyzer', () => {
  it('folds accents and special letters to ASCII', () => {
    assert.deepEqual(terms('simple_asciifolding', 'Crème Brûlée Straße Ærø'), ['creme', 'brulee', 'strasse', 'aero']);
  });
});

describe('whitespace analyzer', () => {
  it('splits on whitespace only and keeps case and punctuation', () => {
    assert.deepEqual(terms('whitespace', ' The  Quick-Brown\tfox!\n'), ['The', 'Quick-Brown', 'fox!']);
  });

  it('does not split at a no-break space (Java whitespace excludes it)', () => {
    assert.deepEqual(terms('whitespace', 'a\u00a0b c'), ['a\u00a0b', 'c']);
  });
});

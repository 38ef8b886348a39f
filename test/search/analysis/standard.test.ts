import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENGLISH_STOP_WORDS, namedAnalyzer } from '../../../search/analysis/index.js';
import { terms } from './helpers.js';

/** Words separated by punctuation and spaces, so chunk cuts must find a space. */
const SEPARATOR = ' , ';

describe('standard analyzer', () => {
  it('splits at word boundaries, lower-cases and drops English stop words', () => {
    assert.deepEqual(terms('standard', 'The Quick Brown Fox jumps over THE lazy dog!'), ['quick', 'brown', 'fox', 'jumps', 'over', 'lazy', 'dog']);
  });

  it('drops every one of the 33 stop words of Lucene 4.6', () => {
    assert.equal(ENGLISH_STOP_WORDS.size, 33);
    assert.deepEqual(terms('standard', [...ENGLISH_STOP_WORDS].join(' ')), []);
    assert.deepEqual(terms('standard', 'to be or not to be'), []);
  });

  it('splits an e-mail address at the @ (the documented _search_analyze example)', () => {
    assert.deepEqual(terms('standard', 'ablanks@renovations.com'), ['ablanks', 'renovations.com']);
  });

  it('keeps UAX#29 words whole: apostrophes, decimals, dotted names; splits hyphens', () => {
    assert.deepEqual(terms('standard', "can't fox's 3.14 1,000 wi-fi foo_bar U.S.A."), [
      "can't",
      "fox's",
      '3.14',
      '1,000',
      'wi',
      'fi',
      'foo_bar',
      'u.s.a',
    ]);
  });

  it('drops punctuation and symbols', () => {
    assert.deepEqual(terms('standard', '!!! ... --- 😀 ###'), []);
  });

  it('emits each ideograph and hiragana character as its own token, katakana and hangul runs whole', () => {
    assert.deepEqual(terms('standard', '中文 ひらがな カタカナ 한국어'), ['中', '文', 'ひ', 'ら', 'が', 'な', 'カタカナ', '한국어']);
  });

  it('lower-cases one code point at a time, like Java', () => {
    assert.deepEqual(terms('standard', 'ΣΊΣΥΦΟΣ İstanbul'), ['σίσυφοσ', 'istanbul']);
  });

  it('numbers positions before stop-word removal, so gaps remain, and records offsets', () => {
    assert.deepEqual(namedAnalyzer('standard').analyze('the quick and the dead'), [
      { term: 'quick', position: 1, start: 4, end: 9 },
      { term: 'dead', position: 4, start: 18, end: 22 },
    ]);
  });

  it('skips a token longer than 255 characters but counts its position', () => {
    const tokens = namedAnalyzer('standard').analyze(`one ${'x'.repeat(256)} two`);
    assert.deepEqual(
      tokens.map((token) => [token.term, token.position]),
      [
        ['one', 0],
        ['two', 2],
      ],
    );
  });

  it('uses custom stop words instead of the English set', () => {
    assert.deepEqual(terms('standard', 'the foo and bar', { stopwords: ['foo', 'bar'] }), ['the', 'and']);
  });

  it('segments long texts in chunks without splitting words or losing offsets', () => {
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}x${'y'.repeat(i % 7)}`);
    const text = words.join(SEPARATOR);
    const tokens = namedAnalyzer('standard').analyze(text);
    assert.deepEqual(
      tokens.map((token) => token.term),
      words,
    );
    for (const token of tokens) assert.equal(text.slice(token.start, token.end), token.term);
    assert.deepEqual(
      tokens.map((token) => token.position),
      words.map((_, i) => i),
    );
  });

  it('takes time linear in the length of the text', () => {
    const started = performance.now();
    assert.equal(namedAnalyzer('standard').analyze('lorem ipsum dolor sit amet '.repeat(20_000)).length, 100_000);
    assert.ok(performance.now() - started < 10_000);
  });

  it('analyses the empty string to nothing', () => {
    assert.deepEqual(terms('standard', ''), []);
  });
});

describe('email analyzer', () => {
  it('keeps e-mail addresses and URLs whole, lower-cased', () => {
    assert.deepEqual(terms('email', 'Mail ABlanks@Renovations.com or see http://Example.com/a/b?c=d.'), [
      'mail',
      'ablanks@renovations.com',
      'see',
      'http://example.com/a/b?c=d',
    ]);
  });

  it('recognises a bare host with a path or port as a URL', () => {
    assert.deepEqual(terms('email', 'visit www.example.org/docs today, or localhost.co.uk:8080'), [
      'visit',
      'www.example.org/docs',
      'today',
      'localhost.co.uk:8080',
    ]);
  });

  it('tokenises everything else like standard, stop words included', () => {
    assert.deepEqual(terms('email', 'The quick-brown fox'), ['quick', 'brown', 'fox']);
  });
});

describe('classic analyzer', () => {
  it('keeps e-mails, hosts, companies and number-like runs; strips possessives and acronym dots', () => {
    assert.deepEqual(terms('classic', "ablanks@renovations.com www.apache.org AT&T 1-800-555-1212 O'Reilly's I.B.M. the wi-fi r2-d2"), [
      'ablanks@renovations.com',
      'www.apache.org',
      'at&t',
      '1-800-555-1212',
      "o'reilly",
      'ibm',
      'wi',
      'fi',
      'r2-d2',
    ]);
  });

  it('reads a trailing-dot host (the old acronym rule) as the host', () => {
    assert.deepEqual(terms('classic', 'see www.apache.org. now'), ['see', 'www.apache.org', 'now']);
  });
});

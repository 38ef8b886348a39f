import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeText, ANALYZER_NAMES, buildAnalyzer, parseAnalyzerSpec } from '../../../search/analysis/index.js';
import { SetteeError } from '../../../views/errors.js';

function assertBadRequest(fn: () => unknown): void {
  assert.throws(fn, (error: unknown) => error instanceof SetteeError && error.status === 400 && error.error === 'bad_request');
}

describe('parseAnalyzerSpec', () => {
  it('accepts every implemented analyzer by name', () => {
    for (const name of ANALYZER_NAMES) assert.deepEqual(parseAnalyzerSpec(name), { kind: name });
  });

  it('accepts the object form, with stop words where they apply', () => {
    assert.deepEqual(parseAnalyzerSpec({ name: 'standard' }), { kind: 'standard' });
    assert.deepEqual(parseAnalyzerSpec({ name: 'english', stopwords: ['foo'] }), { kind: 'english', stopwords: ['foo'] });
    assert.deepEqual(parseAnalyzerSpec({ name: 'keyword', stopwords: ['foo'] }), { kind: 'keyword' });
  });

  it('rejects unknown names, unsupported language analyzers and malformed specs with 400', () => {
    assertBadRequest(() => parseAnalyzerSpec('klingon'));
    assertBadRequest(() => parseAnalyzerSpec('french'));
    assertBadRequest(() => parseAnalyzerSpec({ name: 'nope' }));
    assertBadRequest(() => parseAnalyzerSpec({ stopwords: [] }));
    assertBadRequest(() => parseAnalyzerSpec(42));
    assertBadRequest(() => parseAnalyzerSpec(null));
    assertBadRequest(() => parseAnalyzerSpec(['standard']));
    assertBadRequest(() => parseAnalyzerSpec({ name: 'standard', stopwords: [1, 2] }));
  });

  it('reads perfield with a default and per-field specs', () => {
    assert.deepEqual(
      parseAnalyzerSpec({ name: 'perfield', default: 'english', fields: { tag: 'keyword', body: { name: 'standard', stopwords: ['x'] } } }),
      {
        kind: 'perfield',
        default: { kind: 'english' },
        fields: { tag: { kind: 'keyword' }, body: { kind: 'standard', stopwords: ['x'] } },
      },
    );
  });

  it('falls back like Clouseau inside perfield: bad default → standard, bad field → the default', () => {
    assert.deepEqual(parseAnalyzerSpec({ name: 'perfield', default: 'nope', fields: { a: 'nope', b: 7 } }), {
      kind: 'perfield',
      default: { kind: 'standard' },
      fields: { a: { kind: 'standard' }, b: { kind: 'standard' } },
    });
    assert.deepEqual(parseAnalyzerSpec({ name: 'perfield', default: 'whitespace', fields: { a: 'nope' } }).kind, 'perfield');
    assert.deepEqual(parseAnalyzerSpec('perfield'), { kind: 'perfield', default: { kind: 'standard' }, fields: {} });
  });

  it('still rejects a known-but-unsupported analyzer inside perfield', () => {
    assertBadRequest(() => parseAnalyzerSpec({ name: 'perfield', default: 'german' }));
    assertBadRequest(() => parseAnalyzerSpec({ name: 'perfield', fields: { a: { name: 'french' } } }));
  });
});

describe('buildAnalyzer (per-field dispatch)', () => {
  const analyzer = buildAnalyzer(parseAnalyzerSpec({ name: 'perfield', default: 'english', fields: { tag: 'keyword', raw: 'whitespace' } }));
  const termsOf = (field: string, text: string): string[] => analyzer.forField(field).analyze(text).map((token) => token.term);

  it('uses the field entry when there is one, else the default', () => {
    assert.deepEqual(termsOf('tag', 'Running Dogs'), ['Running Dogs']);
    assert.deepEqual(termsOf('raw', 'Running Dogs'), ['Running', 'Dogs']);
    assert.deepEqual(termsOf('body', 'Running Dogs'), ['run', 'dog']);
    assert.deepEqual(termsOf('default', 'Running Dogs'), ['run', 'dog']);
  });

  it('always analyses _id and _partition with keyword', () => {
    assert.deepEqual(termsOf('_id', 'Doc One'), ['Doc One']);
    assert.deepEqual(buildAnalyzer({ kind: 'standard' }).forField('_partition').analyze('P Q')[0]?.term, 'P Q');
    assert.deepEqual(buildAnalyzer({ kind: 'standard' }).forField('other').analyze('P Q').length, 2);
  });
});

describe('analyzeText (_search_analyze)', () => {
  it('answers the documented examples', () => {
    assert.deepEqual(analyzeText('keyword', 'ablanks@renovations.com'), ['ablanks@renovations.com']);
    assert.deepEqual(analyzeText('standard', 'ablanks@renovations.com'), ['ablanks', 'renovations.com']);
    // Lucene 4.6's stop set includes "there" (Nouveau's Lucene 9 standard analyzer keeps it).
    assert.deepEqual(analyzeText({ name: 'standard' }, 'hello there'), ['hello']);
  });

  it('uses the perfield default unless a field is named', () => {
    const spec = { name: 'perfield', default: 'keyword', fields: { t: 'simple' } };
    assert.deepEqual(analyzeText(spec, 'A B'), ['A B']);
    assert.deepEqual(analyzeText(spec, 'A B', { field: 't' }), ['a', 'b']);
  });
});

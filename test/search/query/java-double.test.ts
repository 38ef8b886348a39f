import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJavaDouble } from '../../../search/query/index.js';

describe('parseJavaDouble (Clouseau’s number test)', () => {
  it('reads decimal forms with optional sign, exponent and f/d suffix', () => {
    const cases: Array<[string, number]> = [
      ['12', 12],
      ['-3.5', -3.5],
      ['+1', 1],
      ['1.', 1],
      ['.5', 0.5],
      ['1e3', 1000],
      ['1E-2', 0.01],
      ['2f', 2],
      ['2.5D', 2.5],
      [' 7 ', 7],
      ['1e400', Infinity],
    ];
    for (const [text, value] of cases) assert.equal(parseJavaDouble(text), value, text);
  });

  it('reads NaN, signed Infinity and hexadecimal floating point', () => {
    assert.ok(Number.isNaN(parseJavaDouble('NaN')));
    assert.equal(parseJavaDouble('-Infinity'), -Infinity);
    assert.equal(parseJavaDouble('0x1p3'), 8);
    assert.equal(parseJavaDouble('0x1.8p1'), 3);
    assert.equal(parseJavaDouble('0X.8P0'), 0.5);
    assert.equal(parseJavaDouble('-0x10P-4d'), -1);
  });

  it('refuses everything else', () => {
    for (const text of ['', '.', 'e3', '1e', '1.2.3', '12abc', 'infinity', 'nan', 'NaNf', '0x', '0x1', '0x.p1', '1_000', '١٢', '--1']) {
      assert.equal(parseJavaDouble(text), undefined, text);
    }
  });
});

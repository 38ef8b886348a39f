import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { collate, collateRaw, compareBytes, compareDocIds, encodeKey, keyCodec, type JsonValue } from '../../../views/collation/index.js';

const range = (first: number, last: number): string[] =>
  Array.from({ length: last - first + 1 }, (_, i) => String.fromCodePoint(first + i));

/** ASCII letters and digits, ASCII punctuation, Latin-1, Cyrillic, CJK, zero-width space. */
const ALPHABET = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff),
  ...range(0x400, 0x4ff),
  ...range(0x4e00, 0x4e2f),
  ...range(0x9f90, 0x9fa5),
  '\u200b',
];
/** A few letters that differ only at the secondary or tertiary level, to force ties. */
const NEAR_TIES = [...'aAáÁàäåæÆªeEéèsSßoOøØöcC\u200b'];

const text = fc.oneof(
  fc.array(fc.constantFrom(...ALPHABET), { maxLength: 8 }).map((cs) => cs.join('')),
  fc.array(fc.constantFrom(...NEAR_TIES), { maxLength: 4 }).map((cs) => cs.join('')),
);
const number = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }));

const { json } = fc.letrec<{ json: JsonValue }>((tie) => ({
  json: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<JsonValue>(null, true, false),
    number,
    text,
    fc.array(tie('json'), { maxLength: 4 }),
    fc.dictionary(text, tie('json'), { maxKeys: 3 }),
  ),
}));

const sign = (n: number): number => Math.sign(n) || 0;
const icu = new Intl.Collator('und');

test('for random JSON keys, encoded byte order equals collate order (ICU)', () => {
  fc.assert(
    fc.property(json, json, (a, b) => {
      assert.equal(compareBytes(encodeKey(a, 'icu'), encodeKey(b, 'icu')), sign(collate(a, b)));
    }),
    { numRuns: 3000 },
  );
});

test('for random JSON keys, encoded byte order equals collateRaw order (raw)', () => {
  fc.assert(
    fc.property(json, json, (a, b) => {
      assert.equal(compareBytes(encodeKey(a, 'raw'), encodeKey(b, 'raw')), sign(collateRaw(a, b)));
    }),
    { numRuns: 3000 },
  );
});

test('for random strings, collate agrees with Intl.Collator("und")', () => {
  fc.assert(
    fc.property(text, text, (a, b) => {
      assert.equal(sign(collate(a, b)), sign(icu.compare(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }),
    { numRuns: 5000 },
  );
});

test('for random strings sharing a prefix, collate agrees with Intl.Collator("und")', () => {
  fc.assert(
    fc.property(text, text, text, (prefix, a, b) => {
      assert.equal(sign(collate(prefix + a, prefix + b)), sign(icu.compare(prefix + a, prefix + b)));
    }),
    { numRuns: 3000 },
  );
});

test('for random strings, collateRaw is UTF-8 byte order', () => {
  const astral = fc.array(fc.constantFrom(...ALPHABET, '\u{1f600}', '\uffff', '\ue000'), { maxLength: 6 }).map((cs) => cs.join(''));
  fc.assert(
    fc.property(astral, astral, (a, b) => {
      assert.equal(sign(collateRaw(a, b)), Buffer.compare(Buffer.from(a), Buffer.from(b)));
    }),
    { numRuns: 3000 },
  );
});

test('keys that collate equal encode to identical bytes (zero-width spaces anywhere)', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 6 }), fc.nat(), (chars, at) => {
      const plain = chars.join('');
      const cut = at % (plain.length + 1);
      const padded = `${plain.slice(0, cut)}\u200b${plain.slice(cut)}`;
      if (padded.normalize('NFD') !== `${plain.slice(0, cut)}\u200b${plain.slice(cut)}`.normalize('NFD')) return;
      assert.equal(collate([plain], [padded]), 0);
      assert.deepEqual(encodeKey([plain], 'icu'), encodeKey([padded], 'icu'));
    }),
    { numRuns: 2000 },
  );
});

test('row keys order by key collation, then by docId UTF-8 bytes', () => {
  const docId = fc.array(fc.constantFrom('a', 'b', 'Z', '0', 'é', '\u{1f600}', '\uffff', '\u0000'), { maxLength: 4 }).map((cs) => cs.join(''));
  for (const mode of ['icu', 'raw'] as const) {
    const codec = keyCodec(mode);
    fc.assert(
      fc.property(json, docId, json, docId, (ka, ia, kb, ib) => {
        const expected = sign(codec.compare(ka, kb)) || sign(compareDocIds(ia, ib));
        assert.equal(compareBytes(codec.rowKey(ka, ia), codec.rowKey(kb, ib)), expected);
      }),
      { numRuns: 2000 },
    );
  }
});

test('a row lies inside its key bounds exactly when its key collates equal', () => {
  const codec = keyCodec('icu');
  fc.assert(
    fc.property(json, json, fc.string({ maxLength: 5 }), (row, probe, id) => {
      const bytes = codec.rowKey(row, id);
      const { low, high, exact } = codec.keyBounds(probe);
      assert.equal(exact, true);
      const inside = compareBytes(low, bytes) <= 0 && compareBytes(bytes, high) < 0;
      assert.equal(inside, codec.compare(row, probe) === 0);
    }),
    { numRuns: 2000 },
  );
});

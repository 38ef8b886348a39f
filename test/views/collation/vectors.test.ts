import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collate, collateRaw, compareBytes, encodeKey, type CollationMode, type JsonValue } from '../../../views/collation/index.js';

/** Asserts that `values` is strictly ascending under the comparator and under the encoded bytes. */
function assertAscending(values: readonly JsonValue[], mode: CollationMode): void {
  const compare = mode === 'icu' ? collate : collateRaw;
  const encoded = values.map((v) => encodeKey(v, mode));
  for (let i = 0; i < values.length; i++) {
    for (let j = 0; j < values.length; j++) {
      const expected = Math.sign(i - j);
      const pair = `${JSON.stringify(values[i])} vs ${JSON.stringify(values[j])}`;
      assert.equal(compare(values[i]!, values[j]!), expected, `${mode} collate: ${pair}`);
      assert.equal(compareBytes(encoded[i]!, encoded[j]!), expected, `${mode} bytes: ${pair}`);
    }
  }
}

/** view_collation_test.exs: the list IS the expected ascending order (§2.3). */
const CANONICAL: JsonValue[] = [
  null, false, true, 1, 2, 3.0, 4,
  'a', 'A', 'aa', 'b', 'B', 'ba', 'bb',
  ['a'], ['b'], ['b', 'c'], ['b', 'c', 'a'], ['b', 'd'], ['b', 'd', 'e'],
  { a: 1 }, { a: 2 }, { b: 1 }, { b: 2 }, { b: 2, a: 1 }, { b: 2, c: 2 },
];

test('the 26 canonical CouchDB values sort in list order, in memory and as bytes', () => {
  assert.equal(CANONICAL.length, 26);
  assertAscending(CANONICAL, 'icu');
});

test('an object sorts after its prefix object, member order mattering ({"b":2} < {"b":2,"a":1})', () => {
  assert.equal(collate({ b: 2 }, { b: 2, a: 1 }), -1);
  assert.equal(collate({ b: 2, a: 1 }, { b: 2, c: 2 }), -1);
});

test('"c", "c\\u200B" and "c\\u200B\\u200B" collate equal and encode to identical bytes', () => {
  const variants = ['c', 'c\u200b', 'c\u200b\u200b'];
  for (const v of variants) {
    assert.equal(collate('c', v), 0);
    assert.deepEqual(encodeKey(v, 'icu'), encodeKey('c', 'icu'));
  }
  assert.equal(collate('bb', 'c\u200b'), -1);
  assert.equal(collate('c\u200b\u200b', ['a']), -1);
});

test('the eunit list with a key nested deeper than 10 levels sorts after every other value', () => {
  const deep: JsonValue = { x: [[[[[[[[[[['y']]]]]]]]]]] };
  assertAscending([...CANONICAL, deep], 'icu');
  const deeper: JsonValue = { x: [[[[[[[[[[['z']]]]]]]]]]] };
  assertAscending([deep, deeper], 'icu');
});

test('the 17 keys of the CouchDB views documentation sort in documented order', () => {
  assertAscending(
    [null, false, true, 0, 1, 10, 42, '10', 'hello', 'Hello', 'привет', [], [1, 2, 3], [2, 3], [3], {}, { foo: 'bar' }],
    'icu',
  );
});

test('raw collation follows Erlang term order: numbers < false < null < true < objects < arrays < strings', () => {
  assertAscending(
    [
      1, 2, 3, 4, false, null, true,
      { a: 1 }, { a: 2 }, { b: 1 }, { b: 2 }, { b: 2, a: 1 }, { b: 2, c: 2 },
      ['a'], ['b'], ['b', 'c'], ['b', 'c', 'a'], ['b', 'd'], ['b', 'd', 'e'],
      'A', 'B', 'a', 'aa', 'b', 'ba', 'bb',
    ],
    'raw',
  );
});

test('raw collation puts the empty array after every object and strings in UTF-8 byte order', () => {
  assertAscending([{}, { z: 9 }, [], [null], 'Z', 'a', 'é', '\uffff', '\u{10000}'], 'raw');
  assert.notEqual(collateRaw('c', 'c\u200b'), 0);
});

test('lowercase sorts before uppercase on ties, and case is ignored until then', () => {
  assertAscending(['a', 'A', 'aa', 'b', 'B'], 'icu');
  assertAscending(['abc', 'Abc', 'ABC', 'abc1', 'AbcZZZZZ'], 'icu');
});

test('punctuation sorts before digits, and digits before letters', () => {
  assertAscending([' ', '_', '-', ',', ';', ':', '!', '?', '.', "'", '"', '(', ')', '[', ']', '{', '}', '@', '*', '/', '\\', '&', '#', '%', '`', '^', '+', '<', '=', '>', '|', '~', '$', '0', '9', 'a', 'A', 'z', 'Z'], 'icu');
});

test('Latin sorts before Greek, Greek before Cyrillic, and Cyrillic before CJK', () => {
  assertAscending(['zzz', 'α', 'Ω', 'а', 'Я', '一', '丁'], 'icu');
  assert.equal(collate('Hello', 'привет'), -1);
});

test('accents are a secondary difference: e < é < f, and "ß" sorts as "ss"', () => {
  assertAscending(['e', 'é', 'ê', 'f'], 'icu');
  assertAscending(['ss', 'ß', 'sst', 'st'], 'icu');
  assertAscending(['ae', 'æ', 'af'], 'icu');
});

test('canonically equivalent strings collate equal and encode identically ("é" = "e\\u0301")', () => {
  const pairs: [string, string][] = [
    ['\u00e9', 'e\u0301'],
    ['\u0439', '\u0438\u0306'],
    ['\u00c5', '\u212b'],
    ['a\u0300\u0323', 'a\u0323\u0300'],
    ['\u00f2\u0337', 'o\u0337\u0300'],
  ];
  for (const [a, b] of pairs) {
    assert.equal(collate(a, b), 0, `${a} vs ${b}`);
    assert.deepEqual(encodeKey(a, 'icu'), encodeKey(b, 'icu'));
  }
});

test('numbers compare by value: negatives, zero, fractions, huge and tiny doubles, -0 equal to 0', () => {
  assertAscending([-Number.MAX_VALUE, -1e21, -3, -1.5, -Number.MIN_VALUE, 0, Number.MIN_VALUE, 0.5, 1, 2 ** 53, 1e300, Number.MAX_VALUE], 'icu');
  assert.equal(collate(-0, 0), 0);
  assert.deepEqual(encodeKey(-0, 'icu'), encodeKey(0, 'icu'));
  assert.deepEqual(encodeKey(-0, 'raw'), encodeKey(0, 'raw'));
  assert.equal(collate(1, 1.0), 0);
});

test('arrays compare element by element and a proper prefix sorts first', () => {
  assertAscending([[], [null], [null, null], [false], [1], [1, 'a'], ['a'], [[]], [[1]], [{}]], 'icu');
});

test('object members compare by name with ICU string order, then by value', () => {
  assertAscending([{}, { a: 2 }, { A: 1 }, { b: null }, { b: 1 }], 'icu');
  assertAscending([{}, { A: 1 }, { a: 2 }, { b: 1 }, { b: null }], 'raw');
});

test('a 200-level nested key encodes and compares like its shallower neighbours', () => {
  let deep: JsonValue = 'x';
  let deepY: JsonValue = 'y';
  for (let i = 0; i < 200; i++) {
    deep = [deep];
    deepY = i % 2 ? { k: deepY } : [deepY];
  }
  assert.equal(collate(deep, deep), 0);
  for (const mode of ['icu', 'raw'] as const) {
    assert.equal(Math.sign(compareBytes(encodeKey([deep], mode), encodeKey([deepY], mode))), (mode === 'icu' ? collate : collateRaw)([deep], [deepY]));
  }
});

test('values that are not JSON are rejected with a TypeError', () => {
  for (const bad of [NaN, Infinity, undefined, () => 1, 10n]) {
    assert.throws(() => encodeKey(bad as unknown as JsonValue, 'icu'), TypeError);
    assert.throws(() => collate(bad as unknown as JsonValue, 1), TypeError);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareBytes,
  decodeDocId,
  isTruncatedRowKey,
  keyCodec,
  sameTieBlock,
  KEY_PREFIX_BYTES,
  MAX_ROW_KEY_BYTES,
  type JsonValue,
} from '../../../views/collation/index.js';

const icu = keyCodec('icu');
const raw = keyCodec('raw');
const inside = (bytes: Uint8Array, range: { low: Uint8Array; high: Uint8Array }): boolean =>
  compareBytes(range.low, bytes) <= 0 && compareBytes(bytes, range.high) < 0;

test('decodeDocId recovers the document id, even with a suffix appended by the index', () => {
  for (const id of ['', 'doc1', 'a\u0000b\u0001c', 'é', '\u{1f600}', '_design/x']) {
    for (const key of [null, 'c\u200b', [1, ['x', { y: 2 }]], { '': [] }] as JsonValue[]) {
      const row = icu.rowKey(key, id);
      assert.equal(decodeDocId(row), id);
      assert.equal(decodeDocId(Uint8Array.of(...row, 0x00, 0x07)), id);
      assert.equal(decodeDocId(raw.rowKey(key, id)), id);
    }
  }
});

test('an appended emission suffix keeps rows in (key, docId) order', () => {
  const rows = [icu.rowKey('a', 'x'), icu.rowKey('a', 'x\u0000'), icu.rowKey('a', 'xa'), icu.rowKey('b', '')];
  const withSuffix = rows.map((row) => Uint8Array.of(...row, 0xff, 0xff));
  for (let i = 1; i < rows.length; i++) assert.equal(compareBytes(withSuffix[i - 1]!, rows[i]!), -1);
});

test('collation-equal keys share one key range, and its rows come back by docId', () => {
  const range = icu.keyBounds('c');
  const rows = [icu.rowKey('c\u200b', 'b'), icu.rowKey('c', 'a'), icu.rowKey('c\u200b\u200b', 'c')];
  for (const row of rows) assert.ok(inside(row, range));
  assert.ok(!inside(icu.rowKey('C', 'a'), range));
  assert.deepEqual([...rows].sort(compareBytes).map(decodeDocId), ['a', 'b', 'c']);
});

test('array prefix bounds hold the arrays that start with the prefix and nothing else', () => {
  const range = icu.arrayPrefixBounds(['foo']);
  for (const key of [['foo'], ['foo', 'bar'], ['foo', ['bar', 'baz']], ['foo', {}], ['foo', { an: 'object' }]]) {
    assert.ok(inside(icu.rowKey(key, 'id'), range), JSON.stringify(key));
  }
  for (const key of ['foo', ['fo'], ['fooa'], ['FOO'], [], {}]) assert.ok(!inside(icu.rowKey(key as JsonValue, 'id'), range), JSON.stringify(key));
});

test('startkey=["foo"]&endkey=["foo",{}] matches ["foo",["bar"]] but not ["foo",{"an":"object"}]', () => {
  const [start, end] = [icu.keyBounds(['foo']).low, icu.keyBounds(['foo', {}]).high];
  assert.ok(inside(icu.rowKey(['foo', ['bar', 'baz']], 'id'), { low: start, high: end }));
  assert.ok(!inside(icu.rowKey(['foo', { an: 'object' }], 'id'), { low: start, high: icu.keyBounds(['foo', {}]).low }));
});

test('under raw collation "\\ufff0" is a high sentinel for strings and {} is not', () => {
  assert.equal(compareBytes(raw.encodeKey('zzz'), raw.encodeKey('\ufff0')), -1);
  assert.equal(compareBytes(raw.encodeKey({}), raw.encodeKey('a')), -1);
  assert.equal(compareBytes(icu.encodeKey('\ufff0'), icu.encodeKey({})), -1);
});

test('a key longer than KEY_PREFIX_BYTES is truncated and still sorts between its neighbours', () => {
  const long = (tail: string): JsonValue => ['x'.repeat(2000), tail];
  const row = icu.rowKey(long('b'), 'doc');
  assert.ok(isTruncatedRowKey(row));
  assert.ok(row.length <= MAX_ROW_KEY_BYTES);
  assert.equal(decodeDocId(row), 'doc');
  assert.ok(!isTruncatedRowKey(icu.rowKey('short', 'doc')));
  assert.equal(compareBytes(icu.rowKey(['x'.repeat(100)], 'z'), row), -1);
  assert.equal(compareBytes(row, icu.rowKey(['y'], 'a')), -1);
  assert.equal(icu.keyBounds(long('b')).exact, false);
  assert.ok(inside(row, icu.keyBounds(long('a'))));
});

test('rows in one tie block are put in order by compareRows on their full keys', () => {
  const long = (tail: string): JsonValue => ['x'.repeat(KEY_PREFIX_BYTES), tail];
  const rows = [
    { key: long('b'), id: 'a' },
    { key: long('a'), id: 'z' },
    { key: long('A'), id: 'm' },
  ];
  const stored = rows.map((r) => icu.rowKey(r.key, r.id)).sort(compareBytes);
  assert.ok(sameTieBlock(stored[0]!, stored[2]!));
  assert.ok(!sameTieBlock(stored[0]!, icu.rowKey('x', 'a')));
  // LMDB order inside the block is by docId; compareRows restores key order.
  assert.deepEqual(stored.map(decodeDocId), ['a', 'm', 'z']);
  assert.deepEqual([...rows].sort(icu.compareRows).map((r) => r.id), ['z', 'm', 'a']);
});

test('a document id too long for the row key is refused with a RangeError', () => {
  assert.throws(() => icu.rowKey(['x'.repeat(3000)], 'd'.repeat(1000)), RangeError);
  assert.equal(decodeDocId(icu.rowKey('k', 'd'.repeat(1500))), 'd'.repeat(1500));
});

test('each collation mode has one shared codec whose comparator matches its byte order', () => {
  assert.equal(keyCodec('icu'), icu);
  assert.equal(keyCodec(), icu);
  assert.equal(icu.compare('a', 'B'), -1);
  assert.equal(raw.compare('a', 'B'), 1);
  assert.equal(compareBytes(raw.encodeKey('a'), raw.encodeKey('B')), 1);
});

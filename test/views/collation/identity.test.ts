import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COLLATOR_VERSION, icuSortKey } from '../../../views/collation/index.js';

test('COLLATOR_VERSION names the table model, the measured ICU and the normalizer', () => {
  assert.match(COLLATOR_VERSION, /^settee-icu-root-\d+\/icu-[\d.]+\/unicode-[\d.]+\/nfc-[\d.]+$/);
  assert.ok(COLLATOR_VERSION.endsWith(`nfc-${process.versions.unicode}`));
});

test('the weight table loads on first use in well under a second', () => {
  const started = performance.now();
  icuSortKey('warm up');
  assert.ok(performance.now() - started < 500, `took ${performance.now() - started} ms`);
});

test('a plain lowercase ASCII string has a primaries-only sort key', () => {
  const key = icuSortKey('abc');
  assert.equal(key.length, 2 * 3 + 1);
  assert.equal(key[key.length - 1], 0);
  assert.ok(key.slice(0, -1).every((b) => b >= 2));
});

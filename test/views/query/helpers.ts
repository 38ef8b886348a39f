/**
 * Shared pieces of the query tests: stand-in collations (the real collation module is
 * built elsewhere) and an assertion on CouchDB-shaped errors.
 */
import assert from 'node:assert/strict';
import { SetteeError } from '../../../views/errors.js';
import { compareDocIds, type Collate, type JsonValue } from '../../../views/query/index.js';

/** Type order of CouchDB's default collation: null, false, true, numbers, strings, arrays, objects. */
function typeRank(value: JsonValue): number {
  if (value === null) return 0;
  if (value === false) return 1;
  if (value === true) return 2;
  if (typeof value === 'number') return 3;
  if (typeof value === 'string') return 4;
  return Array.isArray(value) ? 5 : 6;
}

function collateWith(compareStrings: (a: string, b: string) => number): Collate {
  const collate: Collate = (a, b) => {
    const rank = typeRank(a) - typeRank(b);
    if (rank !== 0) return Math.sign(rank);
    if (typeof a === 'number' && typeof b === 'number') return Math.sign(a - b);
    if (typeof a === 'string' && typeof b === 'string') return Math.sign(compareStrings(a, b));
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        const order = collate(a[i], b[i]);
        if (order !== 0) return order;
      }
      return Math.sign(a.length - b.length);
    }
    return Math.sign(compareDocIds(JSON.stringify(a), JSON.stringify(b)));
  };
  return collate;
}

/** ICU-like: `"a" < "B" < "b"`, so `startkey="Z"&endkey="a"` is backwards. */
export const icuLike: Collate = collateWith(new Intl.Collator('en').compare);

/** Raw-like: strings by code point, so `"Z" < "a"`. */
export const rawLike: Collate = collateWith(compareDocIds);

/** Case-blind strings: `"a"` and `"A"` collate equal though they are different keys. */
export const caseBlind: Collate = collateWith((a, b) => compareDocIds(a.toLowerCase(), b.toLowerCase()));

/** Asserts that `run` throws a 400 `SetteeError` with this CouchDB `error` and `reason`. */
export function assertRejects(run: () => unknown, error: string, reason: string): void {
  assert.throws(run, (thrown: unknown) => {
    assert.ok(thrown instanceof SetteeError, `expected a SetteeError, got ${String(thrown)}`);
    assert.equal(thrown.error, error);
    assert.equal(thrown.reason, reason);
    assert.equal(thrown.status, 400);
    return true;
  });
}

export const queryParseError = (run: () => unknown, reason: string) => assertRejects(run, 'query_parse_error', reason);
export const badRequest = (run: () => unknown, reason: string) => assertRejects(run, 'bad_request', reason);

/** A query string as the HTTP layer hands it over. */
export const qs = (text: string) => new URLSearchParams(text);

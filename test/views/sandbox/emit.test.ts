/** `emit` serialisation (§1.6) and error handling in map functions (§1.7). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { firstValue, mapRows, mapSandbox, rowsOf } from './helpers.js';

describe('emit', () => {
  it('an undefined key becomes null (emit(doc.undef, null))', () => {
    assert.deepEqual(mapRows('function (doc) { emit(doc.undef, null); }', [{ _id: 'a' }]), [[null, null]]);
  });

  it('emit(key) with one argument has value null', () => {
    assert.deepEqual(mapRows('function (doc) { emit(doc._id); }', [{ _id: 'a' }]), [['a', null]]);
  });

  it('undefined inside arrays becomes null, undefined object members are dropped', () => {
    assert.deepEqual(mapRows('function (doc) { emit([doc._id, doc.undef], {a: doc.undef, b: 1}); }', [{ _id: 'a' }]), [
      [['a', null], { b: 1 }],
    ]);
  });

  it('NaN and Infinity become null, Dates their ISO string, functions null in arrays', () => {
    assert.deepEqual(
      mapRows('function (doc) { emit([NaN, Infinity, -Infinity], [new Date(0), function () {}]); }', [{ _id: 'a' }]),
      [[[null, null, null], ['1970-01-01T00:00:00.000Z', null]]],
    );
  });

  it('-0 becomes 0 and 3.0 comes back as 3', () => {
    const [[key, value] = []] = mapRows('function (doc) { emit(-0, 3.0); }', [{ _id: 'a' }]);
    assert.ok(Object.is(key, 0));
    assert.equal(value, 3);
  });

  it('an Error-like value becomes {error, message}; an Error-like key does not', () => {
    assert.deepEqual(firstValue('function (doc) { emit(1, new TypeError("bad")); }'), { error: 'TypeError', message: 'bad' });
    assert.deepEqual(firstValue('function (doc) { emit(1, {stack: "s", name: "N", message: "m"}); }'), { error: 'N', message: 'm' });
    assert.deepEqual(mapRows('function (doc) { emit(new Error("k"), 1); }', [{ _id: 'a' }]), [[{}, 1]]);
  });

  it('every emit is its own row, in emit order', () => {
    assert.deepEqual(mapRows('function (doc) { emit(doc.n, 1); emit(doc.n, 2); emit(["b"], 3); }', [{ _id: 'a', n: 7 }]), [
      [7, 1],
      [7, 2],
      [['b'], 3],
    ]);
  });

  it('values are serialised when the function returns, as CouchDB does', () => {
    assert.deepEqual(firstValue('function (doc) { var v = {n: 1}; emit(1, v); v.n = 2; }'), { n: 2 });
  });

  it('a function that emits nothing gives no rows', () => {
    assert.deepEqual(mapRows('function (doc) {}', [{ _id: 'a' }, { _id: 'b' }]), []);
  });
});

describe('errors in map functions', () => {
  it('a throwing map drops that function\'s rows for that document only; other views keep theirs', () => {
    const sandbox = mapSandbox({
      ok: 'function (doc) { emit(doc._id, 1); }',
      partial: 'function (doc) { emit(doc._id, "before"); if (doc.bad) throw new Error("no " + doc._id); emit(doc._id, "after"); }',
    });
    const results = sandbox.runMap([{ _id: 'a' }, { _id: 'b', bad: true }, { _id: 'c' }]);
    assert.deepEqual(rowsOf(results, 0), [['a', 1], ['b', 1], ['c', 1]]);
    assert.deepEqual(rowsOf(results, 1), [['a', 'before'], ['a', 'after'], ['c', 'before'], ['c', 'after']]);
    assert.deepEqual(results[1]?.errors, [{ docId: 'b', view: 'partial', error: 'Error', message: 'no b', fatal: false }]);
    assert.deepEqual(results[0]?.errors, []);
  });

  it('thrown non-errors, fatal_error and ["fatal", ...] are described', () => {
    const sandbox = mapSandbox({
      string: 'function (doc) { throw "plain"; }',
      fatal: 'function (doc) { throw "fatal_error"; }',
      array: 'function (doc) { throw ["fatal", "my_error", "my reason"]; }',
      object: 'function (doc) { throw {code: 1}; }',
    });
    const [result] = sandbox.runMap([{ _id: 'a' }]);
    assert.deepEqual(
      result?.errors.map(({ view, error, message, fatal }) => [view, error, message, fatal]),
      [
        ['string', 'exception', 'plain', false],
        ['fatal', 'fatal_error', "function raised 'fatal_error'", true],
        ['array', 'my_error', 'my reason', true],
        ['object', 'exception', '{"code":1}', false],
      ],
    );
  });

  it('values JSON cannot hold (cycles, BigInt) fail that function for that document', () => {
    const sandbox = mapSandbox({
      cycle: 'function (doc) { var o = {}; o.self = o; emit(1, o); }',
      bigint: 'function (doc) { emit(1, BigInt(1)); }',
    });
    const [result] = sandbox.runMap([{ _id: 'a' }]);
    assert.deepEqual(result?.rows, [[], []]);
    assert.deepEqual(result?.errors.map((e) => e.error), ['TypeError', 'TypeError']);
  });

  it('a document that is not JSON is skipped with bad_doc', () => {
    const sandbox = mapSandbox({ v: 'function (doc) { emit(doc._id, 1); }' });
    const results = sandbox.runMap(['{"_id":"a"}', '{not json', '{"_id":"c"}']);
    assert.deepEqual(rowsOf(results), [['a', 1], ['c', 1]]);
    assert.equal(results[1]?.errors[0]?.error, 'bad_doc');
  });

  it('documents may be given as JSON text or as objects', () => {
    const sandbox = mapSandbox({ v: 'function (doc) { emit(doc._id, doc.n); }' });
    assert.deepEqual(rowsOf(sandbox.runMap(['{"_id":"a","n":1}', { _id: 'b', n: 2 }])), [['a', 1], ['b', 2]]);
  });

  it('an object that JSON cannot serialise is skipped with bad_doc', () => {
    const cyclic: Record<string, unknown> = { _id: 'c' };
    cyclic.self = cyclic;
    const sandbox = mapSandbox({ v: 'function (doc) { emit(doc._id, 1); }' });
    const results = sandbox.runMap([cyclic, { _id: 'd' }]);
    assert.equal(results[0]?.errors[0]?.error, 'bad_doc');
    assert.deepEqual(rowsOf(results), [['d', 1]]);
  });

  it('views with identical map source each get their rows', () => {
    const source = 'function (doc) { emit(doc._id, 1); }';
    const sandbox = mapSandbox({ first: source, other: 'function (doc) { emit(1, 2); }', second: source });
    const [result] = sandbox.runMap([{ _id: 'a' }]);
    assert.deepEqual(result?.rows, [[['a', 1]], [[1, 2]], [['a', 1]]]);
    assert.deepEqual(sandbox.views, ['first', 'other', 'second']);
  });

  it('runaway recursion fails that document with a RangeError; the next document maps', () => {
    const sandbox = mapSandbox({ v: 'function (doc) { function f(n) { return f(n + 1) + 1; } if (doc.deep) f(0); emit(doc._id, 1); }' });
    const results = sandbox.runMap([{ _id: 'a', deep: true }, { _id: 'b' }]);
    assert.equal(results[0]?.errors[0]?.error, 'RangeError');
    assert.deepEqual(rowsOf(results), [['b', 1]]);
  });

  it('deeply nested documents are frozen and mapped', () => {
    const depth = 5000;
    const text = `{"_id":"a","n":${'{"n":'.repeat(depth)}"leaf"${'}'.repeat(depth)}}`;
    const sandbox = mapSandbox({
      v: 'function (doc) { var d = 0, o = doc.n; while (typeof o === "object") { o.x = 1; if (o.x) return; o = o.n; d++; } emit(doc._id, d); }',
    });
    assert.deepEqual(rowsOf(sandbox.runMap([text])), [['a', depth]]);
  });

  it('a runaway emit loop is capped by maxRowsPerCall', () => {
    const sandbox = mapSandbox({ v: 'function (doc) { while (true) emit(doc, doc); }' }, { maxRowsPerCall: 1000 });
    const [result] = sandbox.runMap([{ _id: 'a' }]);
    assert.deepEqual(result?.rows, [[]]);
    assert.equal(result?.errors[0]?.error, 'RangeError');
  });
});

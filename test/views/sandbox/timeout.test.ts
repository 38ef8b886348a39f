/** Per-document time limits (§1.7 runaway functions). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapSandbox, rowsOf } from './helpers.js';

const TIMEOUT_MS = 50;

describe('time limits', () => {
  it('while(true){} is stopped after the configured timeout and the next document still maps', () => {
    const sandbox = mapSandbox(
      {
        loop: 'function (doc) { if (doc.loop) { while (true) {} } emit(doc._id, 1); }',
        other: 'function (doc) { emit("other", doc._id); }',
      },
      { timeoutMs: TIMEOUT_MS },
    );
    const started = Date.now();
    const results = sandbox.runMap([{ _id: 'a' }, { _id: 'b', loop: true }, { _id: 'c' }]);
    const elapsed = Date.now() - started;
    assert.ok(elapsed >= TIMEOUT_MS, `stopped too early (${elapsed} ms)`);
    assert.ok(elapsed < 20 * TIMEOUT_MS, `stopped too late (${elapsed} ms)`);
    assert.deepEqual(rowsOf(results, 0), [['a', 1], ['c', 1]]);
    assert.deepEqual(rowsOf(results, 1), [['other', 'a'], ['other', 'c']]);
    assert.deepEqual(results[1]?.rows, [[], []]);
    assert.deepEqual(results[1]?.errors, [
      { docId: 'b', view: 'loop', error: 'timeout', message: `function timed out after ${TIMEOUT_MS} ms`, fatal: false },
    ]);
  });

  it('CouchDB\'s infinite emit loop (while(true){emit(doc,doc)}) is stopped too', () => {
    const sandbox = mapSandbox({ v: 'function (doc) { while (true) { emit(doc, doc); } }' }, { timeoutMs: TIMEOUT_MS, maxRowsPerCall: 1e9 });
    const [result] = sandbox.runMap([{ _id: 'a' }]);
    assert.equal(result?.errors[0]?.error, 'timeout');
  });

  it('state is rebuilt after a timeout: modules and functions still work, globals start over', () => {
    const sandbox = mapSandbox(
      { v: "function (doc) { n = (typeof n === 'number' ? n : 0) + 1; if (doc.loop) for (;;) {} emit(doc._id, [n, require('views/lib/m').v]); }" },
      { timeoutMs: TIMEOUT_MS },
      { m: 'exports.v = "lib";' },
    );
    const results = sandbox.runMap([{ _id: 'a' }, { _id: 'b', loop: true }, { _id: 'c' }]);
    assert.deepEqual(rowsOf(results), [['a', [1, 'lib']], ['c', [1, 'lib']]]);
  });

  it('several runaway documents in one batch are each skipped', () => {
    const sandbox = mapSandbox({ v: 'function (doc) { if (doc.loop) for (;;) {} emit(doc._id, 1); }' }, { timeoutMs: 20 });
    const docs = Array.from({ length: 6 }, (_, i) => ({ _id: `d${i}`, loop: i % 2 === 1 }));
    const results = sandbox.runMap(docs);
    assert.deepEqual(rowsOf(results).map(([key]) => key), ['d0', 'd2', 'd4']);
    assert.deepEqual(results.map((r) => r.errors.length), [0, 1, 0, 1, 0, 1]);
  });

  it('a slow but finishing document is not cut off early (limit is per document, not per batch)', () => {
    const sandbox = mapSandbox(
      { v: 'function (doc) { var end = Date.now() + doc.ms; while (Date.now() < end) {} emit(doc._id, 1); }' },
      { timeoutMs: 200 },
    );
    const docs = Array.from({ length: 8 }, (_, i) => ({ _id: `d${i}`, ms: 60 }));
    const results = sandbox.runMap(docs);
    assert.equal(rowsOf(results).length, 8);
  });

  it('a runaway reduce throws a 500 os_process_error and the sandbox keeps working', () => {
    const sandbox = mapSandbox({ v: 'function (doc) { emit(doc._id, 1); }' }, { timeoutMs: TIMEOUT_MS });
    const reduce = sandbox.compileReduce('function (k, v, re) { if (v[0] === "loop") for (;;) {} return sum(v); }');
    assert.throws(() => reduce(null, ['loop'], true), { name: 'SetteeError', status: 500, error: 'os_process_error' });
    assert.equal(reduce(null, [1, 2], true), 3);
    assert.deepEqual(rowsOf(sandbox.runMap([{ _id: 'a' }])), [['a', 1]]);
  });

  it('a source that loops while being evaluated fails to compile', () => {
    assert.throws(() => mapSandbox({ v: '(function () { for (;;) {} })()' }, { timeoutMs: TIMEOUT_MS }), {
      error: 'compilation_error',
    });
  });
});

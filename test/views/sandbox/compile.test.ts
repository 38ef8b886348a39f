/** How sources compile: accepted forms, compile errors, options. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Sandbox } from '../../../views/sandbox/index.js';
import { mapRows, mapSandbox } from './helpers.js';

describe('compiling map functions', () => {
  for (const [label, source] of [
    ['anonymous function', 'function (doc) { emit(doc._id, 1); }'],
    ['named function', 'function map(doc) { emit(doc._id, 1); }'],
    ['trailing semicolon and whitespace', 'function (doc) { emit(doc._id, 1); };\n  '],
    ['trailing line comment', 'function (doc) { emit(doc._id, 1); } // done'],
    ['leading comment', '/* by id */ function (doc) { emit(doc._id, 1); }'],
    ['arrow function', '(doc) => emit(doc._id, 1)'],
    ['closure built by an IIFE', '(function () { var one = 1; return function (doc) { emit(doc._id, one); }; })()'],
  ]) {
    it(`accepts a ${label}`, () => {
      assert.deepEqual(mapRows(source as string, [{ _id: 'a' }]), [['a', 1]]);
    });
  }

  it('a syntax error is a 400 compilation_error naming the view', () => {
    assert.throws(() => mapSandbox({ good: 'function (doc) {}', broken: 'function (doc) { emit(doc._id, ; }' }), {
      name: 'SetteeError',
      status: 400,
      error: 'compilation_error',
      reason: /^Compilation of the map function in the 'broken' view failed: SyntaxError: /,
    });
  });

  it('an expression that is not a function is a compilation_error', () => {
    assert.throws(() => mapSandbox({ v: '"not a function"' }), {
      error: 'compilation_error',
      reason: /^Compilation of the map function in the 'v' view failed: Expression does not eval to a function\./,
    });
  });

  it('source cannot break out of its wrapper', () => {
    assert.throws(() => mapSandbox({ v: 'function (doc) {}); emit(1, 2); (function () {' }), { error: 'compilation_error' });
  });

  it('search index functions are named in their compile errors', () => {
    assert.throws(() => new Sandbox({ indexes: [{ name: 'people', source: 'function (doc) { index( }' }] }), {
      error: 'compilation_error',
      reason: /^Compilation of the index function in the 'people' index failed: SyntaxError: /,
    });
  });

  it('checks its options and spec, naming the field', () => {
    assert.throws(() => new Sandbox({}, { timeoutMs: 0 }), { name: 'RangeError', message: 'options.timeoutMs must be a positive number' });
    assert.throws(() => new Sandbox({}, { maxRowsPerCall: 1.5 }), { message: 'options.maxRowsPerCall must be a positive integer' });
    assert.throws(() => new Sandbox({ maps: [{ name: 'v', source: 1 as unknown as string }] }), {
      name: 'TypeError',
      message: 'spec.maps[0].source must be a string',
    });
  });
});

describe('log()', () => {
  it('collects lines, JSON-stringifying non-strings, and hands them over once', () => {
    const sandbox = mapSandbox({ v: 'function (doc) { log("doc " + doc._id); log({id: doc._id}); log(undefined); }' });
    sandbox.runMap([{ _id: 'a' }]);
    assert.deepEqual(sandbox.takeLogs(), ['doc a', '{"id":"a"}', 'undefined']);
    assert.deepEqual(sandbox.takeLogs(), []);
  });

  it('keeps at most maxLogLines and counts the rest', () => {
    const sandbox = mapSandbox({ v: 'function (doc) { for (var i = 0; i < 10; i++) log(i); }' }, { maxLogLines: 3 });
    sandbox.runMap([{ _id: 'a' }]);
    assert.deepEqual(sandbox.takeLogs(), ['0', '1', '2', '(7 more log lines dropped)']);
  });

  it('lines logged before a timeout are kept', () => {
    const sandbox = mapSandbox({ v: 'function (doc) { log("start " + doc._id); if (doc.loop) for (;;) {} }' }, { timeoutMs: 30 });
    sandbox.runMap([{ _id: 'a' }, { _id: 'b', loop: true }]);
    assert.deepEqual(sandbox.takeLogs(), ['start a', 'start b']);
  });
});

/**
 * Prototype pollution and other leftovers: a function that tampers with built-ins must
 * not change what later documents, other functions or other design documents see.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapSandbox, rowsOf } from './helpers.js';

const POLLUTER = `function (doc) {
  try { Object.prototype.polluted = 'yes'; } catch (e) {}
  try { Array.prototype.push = function () { return 0; }; } catch (e) {}
  try { Array.prototype.extra = 'yes'; } catch (e) {}
  try { JSON.stringify = function () { return '"hacked"'; }; } catch (e) {}
  try { String.prototype.toUpperCase = function () { return 'hacked'; }; } catch (e) {}
  try { Object.defineProperty(Object.prototype, 'getter', { get: function () { return 'yes'; } }); } catch (e) {}
  try { Object.getPrototypeOf(globalThis).polluted = 'yes'; } catch (e) {}
  try { emit = function () {}; } catch (e) {}
  try { globalThis.isArray = function () { return 'hacked'; }; } catch (e) {}
  try { Math.max = function () { return -1; }; } catch (e) {}
  try { Object.setPrototypeOf(Array.prototype, { polluted: 'yes' }); } catch (e) {}
  try { Function.prototype.call = function () { return 'hacked'; }; } catch (e) {}
}`;

const OBSERVER = `function (doc) {
  var list = [];
  list.push(1);
  emit(doc._id, {
    polluted: ({}).polluted === undefined ? null : 'POLLUTED',
    arrayPolluted: [].extra === undefined && [].polluted === undefined ? null : 'POLLUTED',
    getter: ({}).getter === undefined ? null : 'POLLUTED',
    pushed: list.length,
    upper: 'a'.toUpperCase(),
    isArray: isArray([]),
    max: Math.max(1, 2),
    call: Object.prototype.toString.call([]),
    global: typeof polluted === 'undefined' ? null : 'POLLUTED'
  });
}`;

const CLEAN = {
  polluted: null,
  arrayPolluted: null,
  getter: null,
  pushed: 1,
  upper: 'A',
  isArray: true,
  max: 2,
  call: '[object Array]',
  global: null,
};

describe('isolation', () => {
  it('built-ins a function tampers with are unchanged for later documents of the same function', () => {
    const sandbox = mapSandbox({
      // The polluter gets its own \`emit\` parameter: reassigning a function's own \`emit\`
      // binding only silences that function (as reassigning the global does in CouchDB).
      v: `function (doc) { if (doc.attack) (${POLLUTER.replace('function (doc)', 'function (doc, emit)')})(doc); else (${OBSERVER})(doc); }`,
    });
    const results = sandbox.runMap([{ _id: 'a', attack: true }, { _id: 'b' }, { _id: 'c', attack: true }, { _id: 'd' }]);
    assert.deepEqual(rowsOf(results), [
      ['b', CLEAN],
      ['d', CLEAN],
    ]);
  });

  it('built-ins a function tampers with are unchanged for other views of the same design document', () => {
    const sandbox = mapSandbox({ attacker: POLLUTER, observer: OBSERVER });
    const results = sandbox.runMap([{ _id: 'a' }, { _id: 'b' }]);
    assert.deepEqual(rowsOf(results, 1), [
      ['a', CLEAN],
      ['b', CLEAN],
    ]);
    assert.deepEqual(results.flatMap((r) => r.errors), []);
  });

  it('a "__proto__" member in a document is plain data', () => {
    const sandbox = mapSandbox({ v: 'function (doc) { emit(doc._id, [({}).polluted === undefined, doc.__proto__.polluted]); }' });
    assert.deepEqual(rowsOf(sandbox.runMap(['{"_id":"a","__proto__":{"polluted":1}}', '{"_id":"b","__proto__":{}}'])), [
      ['a', [true, 1]],
      ['b', [true, null]],
    ]);
  });

  it('design documents do not share a realm: global state stays in its own sandbox', () => {
    const first = mapSandbox({ v: `function (doc) { leaked = 'from first'; counter = (typeof counter === 'number' ? counter : 0) + 1; emit(doc._id, counter); }` });
    const second = mapSandbox({ v: `function (doc) { emit(doc._id, typeof leaked === 'undefined' ? null : leaked); }` });
    assert.deepEqual(rowsOf(first.runMap([{ _id: 'a' }, { _id: 'b' }])), [
      ['a', 1],
      ['b', 2],
    ]);
    assert.deepEqual(rowsOf(second.runMap([{ _id: 'a' }])), [['a', null]]);
  });

  it('global variables persist across documents within one design document, as in CouchDB', () => {
    const sandbox = mapSandbox({ v: `function (doc) { seen = (typeof seen === 'number' ? seen : 0) + 1; emit(doc._id, seen); }` });
    assert.deepEqual(rowsOf(sandbox.runMap([{ _id: 'a' }, { _id: 'b' }])), [
      ['a', 1],
      ['b', 2],
    ]);
  });

  it('ordinary ES5 code that assigns inherited members still works on frozen prototypes', () => {
    const sandbox = mapSandbox({
      v: `function (doc) {
        function MyError(message) { this.message = message; }
        MyError.prototype = new Error();
        MyError.prototype.name = 'MyError';
        function Point(x) { this.x = x; }
        Point.prototype.toString = function () { return 'P' + this.x; };
        var o = {}; o.toString = function () { return 'custom'; };
        var e = new MyError('bad');
        emit(doc._id, [String(new Point(1)), String(o), e.name, e.message, Error.prototype.name]);
      }`,
    });
    assert.deepEqual(rowsOf(sandbox.runMap([{ _id: 'a' }])), [['a', ['P1', 'custom', 'MyError', 'bad', 'Error']]]);
  });
});

/** `compileReduce`: JavaScript reduce functions in the sandbox (§1.8). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SetteeError } from '../../../views/errors.js';
import { Sandbox, SandboxFunctionError } from '../../../views/sandbox/index.js';

const sandbox = () => new Sandbox({});

describe('compileReduce', () => {
  it('runs reduce and rereduce with CouchDB arguments', () => {
    const reduce = sandbox().compileReduce(
      'function (keys, values, rereduce) { return rereduce ? {re: sum(values)} : {keys: keys, total: sum(values)}; }',
    );
    assert.deepEqual(reduce([[['a'], 'doc1'], [['b'], 'doc2']], [1, 2], false), { keys: [[['a'], 'doc1'], [['b'], 'doc2']], total: 3 });
    assert.deepEqual(reduce(null, [3, 4], true), { re: 7 });
  });

  it('undefined becomes null; results go through JSON', () => {
    const s = sandbox();
    assert.equal(s.compileReduce('function () {}')(null, [], true), null);
    assert.deepEqual(s.compileReduce('function () { return [undefined, NaN, new Date(0)]; }')(null, [], true), [
      null,
      null,
      '1970-01-01T00:00:00.000Z',
    ]);
  });

  it('a user exception is rethrown as host data', () => {
    const s = sandbox();
    assert.throws(() => s.compileReduce('function () { throw new RangeError("nope"); }')(null, [], true), (err: unknown) => {
      assert.ok(err instanceof SandboxFunctionError);
      assert.equal(err.error, 'RangeError');
      assert.equal(err.message, 'nope');
      return true;
    });
    assert.throws(() => s.compileReduce('function () { throw "fatal_error"; }')(null, [], true), (err: unknown) => err === 'fatal_error');
    assert.throws(
      () => s.compileReduce('function () { throw ["fatal", "e", "r"]; }')(null, [], true),
      (err: unknown) => Array.isArray(err) && err.join() === 'fatal,e,r',
    );
  });

  it('a reduce that does not compile is a 400 compilation_error naming the view', () => {
    assert.throws(() => sandbox().compileReduce('function (k, v) { return sum(v) ', { view: 'totals' }), (err: unknown) => {
      assert.ok(err instanceof SetteeError);
      assert.equal(err.status, 400);
      assert.equal(err.error, 'compilation_error');
      assert.match(err.reason, /^Compilation of the reduce function in the 'totals' view failed: SyntaxError: /);
      return true;
    });
  });

  it('the arguments the reduce mutates are its own copies', () => {
    const reduce = sandbox().compileReduce('function (k, v) { v.push(99); return v.length; }');
    const values = [1, 2];
    assert.equal(reduce(null, values, true), 3);
    assert.deepEqual(values, [1, 2]);
  });
});

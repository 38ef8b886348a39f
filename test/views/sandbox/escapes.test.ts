/**
 * Attempts to reach the host from user code. Each must fail: no rows reveal `process`
 * (or any host object), and the attempt is at most an error record.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SetteeError } from '../../../views/errors.js';
import type { Sandbox } from '../../../views/sandbox/index.js';
import { mapSandbox } from './helpers.js';

const SANDBOX_MODULE = fileURLToPath(new URL('../../../views/sandbox/index.js', import.meta.url));

const ESCAPES: Record<string, string> = {
  'this.constructor.constructor': `this.constructor.constructor('return process')()`,
  'emit.constructor': `emit.constructor('return process')()`,
  'log.constructor': `log.constructor('return process')()`,
  'require.constructor': `require.constructor('return process')()`,
  'doc.constructor.constructor': `doc.constructor.constructor('return process')()`,
  'global prototype constructor': `Object.getPrototypeOf(globalThis).constructor.constructor('return process')()`,
  'function declaration this': `(function () { return this; })().constructor.constructor('return process')()`,
  'arguments.callee.caller': `(function f() { return f.caller && f.caller.constructor('return process')(); })()`,
  'Function from an async function': `(async function () {}).constructor('return process')()`,
  'generator function constructor': `(function* () {}).constructor('return process')()`,
  'eval': `eval('process')`,
  'indirect eval': `(0, eval)('process')`,
  'require("fs")': `require('fs')`,
  'require("child_process")': `require('child_process')`,
  'process': `process`,
  'globalThis.process': `globalThis.process`,
  'Error.prepareStackTrace': `(function () {
      Error.prepareStackTrace = function (e, frames) { return frames.map(function (f) { return f.getThis(); }); };
      var frames = new Error().stack;
      return typeof frames === 'string' ? undefined : frames.filter(function (t) { return t && t.process; })[0].process;
    })()`,
  'Error.captureStackTrace getFunction': `(function () {
      var holder = {}; Error.captureStackTrace(holder);
      return typeof holder.stack === 'string' ? undefined : holder.stack;
    })()`,
  'import()': `import('fs')`,
  'setTimeout': `setTimeout(function () {}, 0)`,
  'Buffer': `Buffer.from('x')`,
  'fetch': `fetch('http://localhost')`,
};

/** The sandbox, or `null` when the attempt was refused at compile time (also a failed attempt). */
function compiles(make: () => Sandbox): Sandbox | null {
  try {
    return make();
  } catch (err) {
    assert.ok(err instanceof SetteeError && err.error === 'compilation_error', String(err));
    return null;
  }
}

function hostReached(value: unknown): boolean {
  return typeof value === 'object' && value !== null && ('pid' in value || 'versions' in value || 'readFileSync' in value);
}

describe('escape attempts', () => {
  for (const allowCodeGeneration of [false, true]) {
    describe(`with allowCodeGeneration: ${allowCodeGeneration}`, () => {
      for (const [label, expression] of Object.entries(ESCAPES)) {
        it(`${label} does not reach the host`, async () => {
          const sandbox = compiles(() => mapSandbox(
            {
              v: `function (doc) {
                var got = ${expression};
                emit('type', typeof got);
                emit('pid', got && got.pid);
                emit('fs', !!(got && got.readFileSync));
              }`,
            },
            { allowCodeGeneration },
          ));
          if (sandbox === null) return;
          const [result] = sandbox.runMap([{ _id: 'x' }]);
          const rows = result?.rows[0] ?? [];
          if (rows.length > 0) {
            assert.notEqual(rows[1]?.[1] ?? null, process.pid);
            assert.equal(rows[2]?.[1], false);
          } else {
            assert.equal(result?.errors.length, 1);
          }
          assert.ok(!rows.some(([, value]) => hostReached(value)));
          // Let any promise the attempt created settle: it must not surface on the host.
          await new Promise((resolve) => setImmediate(resolve));
        });
      }
    });
  }

  it('the hook the host uses cannot be re-entered from user code', () => {
    const sandbox = mapSandbox({
      v: `function (doc) {
        var hooks = Object.getOwnPropertyNames(globalThis).filter(function (n) { return n.indexOf('settee') >= 0; });
        emit('hooks', hooks.length);
        hooks.forEach(function (n) { try { globalThis[n](); emit('re-entered', n); } catch (e) { emit('refused', e.name); } });
      }`,
    });
    const [result] = sandbox.runMap([{ _id: 'x' }]);
    const rows = result?.rows[0] ?? [];
    assert.ok(!rows.some(([key]) => key === 're-entered'));
  });

  it('an emitted object whose toJSON loops is stopped by the time limit', () => {
    const sandbox = mapSandbox({ v: `function (doc) { emit(doc._id, { toJSON: function () { for (;;) {} } }); }` }, { timeoutMs: 50 });
    const [result] = sandbox.runMap([{ _id: 'x' }]);
    assert.deepEqual(result?.rows, [[]]);
    assert.equal(result?.errors[0]?.error, 'timeout');
  });

  it('promises cannot be made: no Promise global, async functions and import() do not compile', () => {
    const rows = mapSandbox({ v: `function (doc) { emit(typeof Promise, typeof Atomics); }` }).runMap([{ _id: 'x' }]);
    assert.deepEqual(rows[0]?.rows, [[['undefined', 'undefined']]]);
    for (const source of [
      'async function (doc) { emit(1); }',
      'function (doc) { (async () => { emit(1); })(); }',
      'function (doc) { var f = async x => x; }',
      'function (doc) { var o = { async m() {} }; }',
      'function (doc) { import("fs"); }',
    ]) {
      assert.throws(() => mapSandbox({ v: source }), (err: SetteeError) => err.error === 'compilation_error', source);
    }
  });

  it('rejected promises inside the sandbox do not crash the process; host rejections still do', () => {
    // Only code generated at run time (allowCodeGeneration) can still make promises.
    const script = (hostRejects: boolean) => `
      const { Sandbox } = await import(${JSON.stringify(SANDBOX_MODULE)});
      const sandbox = new Sandbox({ maps: [{ name: 'v', source: \`function (doc) {
        eval('(async function () { throw 1; })()');
        eval('var p = (async function () { throw 2; })(); Object.setPrototypeOf(p, null);');
        eval('import("fs")');
        emit(doc._id, 1);
      }\` }] }, { allowCodeGeneration: true });
      const [result] = sandbox.runMap([{ _id: 'x' }]);
      ${hostRejects ? "Promise.reject(new Error('host'));" : ''}
      setTimeout(() => console.log(JSON.stringify(result.rows)), 20);
    `;
    const run = (hostRejects: boolean) =>
      spawnSync(process.execPath, ['--input-type=module', '-e', script(hostRejects)], { encoding: 'utf8' });
    const quiet = run(false);
    assert.equal(quiet.status, 0, quiet.stderr);
    assert.equal(quiet.stdout.trim(), '[[["x",1]]]');
    const loud = run(true);
    assert.notEqual(loud.status, 0);
    assert.match(loud.stderr, /host/);
  });
});

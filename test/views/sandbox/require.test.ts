/** `require` of `views.lib` modules in map functions (§1.5, design_docs "commonjs in map functions"). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapSandbox, rowsOf } from './helpers.js';

const LIB = {
  foo: {
    boom: 'exports.boom = "ok";',
    relative: 'exports.value = require("./boom").boom + "!";',
    up: 'exports.value = require("../util").twice(21);',
    broken: 'exports.x = ;',
    throws: 'throw new Error("module failed");',
    missing: 'exports.value = require("./nope");',
  },
  util: 'exports.twice = function (n) { return n * 2; };',
  cycle: {
    a: 'exports.early = "a-early"; var b = require("./b"); exports.fromB = b.seenEarly; exports.late = "a-late";',
    b: 'var a = require("./a"); exports.seenEarly = a.early; exports.seenLate = a.late === undefined ? null : a.late;',
  },
  replaced: 'module.exports = function () { return "replaced"; };',
  counter: 'var n = 0; exports.next = function () { return ++n; };',
  data: { number: 5 },
};

function run(expression: string) {
  const sandbox = mapSandbox({ v: `function (doc) { emit(doc._id, ${expression}); }` }, {}, LIB);
  const [result] = sandbox.runMap([{ _id: 'x' }]);
  return { rows: result?.rows[0] ?? [], errors: result?.errors ?? [] };
}

describe('require', () => {
  it("require('views/lib/foo/boom').boom is \"ok\"", () => {
    assert.deepEqual(run("require('views/lib/foo/boom').boom").rows, [['x', 'ok']]);
  });

  it('resolves ./ and ../ relative to the requiring module', () => {
    assert.deepEqual(run("require('views/lib/foo/relative').value").rows, [['x', 'ok!']]);
    assert.deepEqual(run("require('views/lib/foo/up').value").rows, [['x', 42]]);
  });

  it('circular requires see the partially filled exports', () => {
    assert.deepEqual(run("require('views/lib/cycle/a')").rows, [['x', { early: 'a-early', fromB: 'a-early', late: 'a-late' }]]);
    assert.deepEqual(run("require('views/lib/cycle/b')").rows, [['x', { seenEarly: 'a-early', seenLate: 'a-late' }]]);
  });

  it('modules see the sandbox globals (emit, log, sum)', () => {
    const sandbox = mapSandbox({ v: "function (doc) { require('views/lib/emitter').run(doc); }" }, {}, {
      emitter: 'exports.run = function (doc) { log("module"); emit(doc._id, sum([1, 2])); };',
    });
    assert.deepEqual(rowsOf(sandbox.runMap([{ _id: 'a' }])), [['a', 3]]);
    assert.deepEqual(sandbox.takeLogs(), ['module']);
  });

  it('module.exports may be replaced', () => {
    assert.deepEqual(run("require('views/lib/replaced')()").rows, [['x', 'replaced']]);
  });

  it('modules are evaluated once and cached across documents', () => {
    const sandbox = mapSandbox({ v: "function (doc) { emit(doc._id, require('views/lib/counter').next()); }" }, {}, LIB);
    assert.deepEqual(rowsOf(sandbox.runMap([{ _id: 'a' }, { _id: 'b' }])), [
      ['a', 1],
      ['b', 2],
    ]);
  });

  for (const path of ['fs', 'views/lib/nope', 'views/lib/foo/boom/deeper', 'views/lib/foo', 'views/lib/data/number', '../x']) {
    it(`require('${path}') fails with invalid_require_path, no rows`, () => {
      const { rows, errors } = run(`require(${JSON.stringify(path)})`);
      assert.deepEqual(rows, []);
      assert.equal(errors[0]?.error, 'invalid_require_path');
    });
  }

  for (const module of ['broken', 'throws', 'missing']) {
    it(`a module that fails (${module}) raises compilation_error`, () => {
      const { rows, errors } = run(`require('views/lib/foo/${module}')`);
      assert.deepEqual(rows, []);
      assert.equal(errors[0]?.error, 'compilation_error');
      assert.match(errors[0]?.message ?? '', /^Module require\('views\/lib\/foo\/\w+'\) raised error/);
    });
  }

  it('reduce functions have no require', () => {
    const sandbox = mapSandbox({}, {}, LIB);
    const reduce = sandbox.compileReduce("function (k, v) { return require('views/lib/foo/boom').boom; }");
    assert.throws(() => reduce(null, [1], true), { name: 'SandboxFunctionError', error: 'ReferenceError' });
  });
});

/** The scanner that refuses promise-making syntax, against sources that only look like it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forbiddenSyntax } from '../../../views/sandbox/syntax-guard.js';

describe('forbiddenSyntax', () => {
  for (const source of [
    'async function (doc) {}',
    'function (doc) { var f = async function () {}; }',
    'function (doc) { var f = async (x) => x; }',
    'function (doc) { var f = async x => x; }',
    'function (doc) { var o = { async m() {} }; }',
    'function (doc) { var g = async function* () {}; }',
    'function (doc) { import("fs"); }',
    'function (doc) { import /* c */ ("fs"); }',
    'function (doc) { var s = `${async () => 1}`; }',
    'function (doc) { var r = /x/g; async function f() {} }',
    'function (doc) { return 1 / 2 / async function () {}; }',
  ]) {
    it(`refuses ${source}`, () => assert.notEqual(forbiddenSyntax(source), null));
  }

  for (const source of [
    'function (doc) { emit(doc.async, doc.import); }',
    'function (doc) { emit({async: 1, import: 2}, doc["async"]); }',
    'function (doc) { var async = 1; emit(async, null); }',
    'function (doc) { emit("async function () {}", \'import("fs")\'); }',
    'function (doc) { // async function\n emit(1); /* import("x") */ }',
    'function (doc) { emit(/async function/.test(doc.s), /[/]import(/.source); }',
    'function (doc) { emit(`async ${doc.x} import(`, doc.a / doc.b / 2); }',
    'function (doc) { if (doc.x) { emit(doc.x?.async, 1); } }',
  ]) {
    it(`accepts ${source}`, () => assert.equal(forbiddenSyntax(source), null));
  }
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SetteeError } from '../../../views/errors.js';
import {
  createReducer,
  customReducer,
  parseReduceSource,
  type ReduceLimitMode,
} from '../../../views/reduce/index.js';
import { CONTEXT } from './helpers.js';

function rejectsOption(build: () => unknown, field: string): void {
  assert.throws(build, (err: unknown) => err instanceof SetteeError && err.reason.startsWith(`options.${field} `));
}

describe('reducer options', () => {
  it('name the field they reject', () => {
    const spec = parseReduceSource('_sum');
    rejectsOption(() => createReducer(spec, { context: CONTEXT, limit: 'maybe' as ReduceLimitMode }), 'limit');
    rejectsOption(() => createReducer(spec, { context: CONTEXT, threshold: -1 }), 'threshold');
    rejectsOption(() => createReducer(spec, { context: CONTEXT, ratio: Number.NaN }), 'ratio');
    rejectsOption(() => customReducer(() => 1, { context: CONTEXT, threshold: Infinity }), 'threshold');
  });

  it('require a comparator for rank reducers and a compiler for custom reduces', () => {
    rejectsOption(() => createReducer(parseReduceSource('_top_3'), { context: CONTEXT }), 'compare');
    rejectsOption(() => createReducer(parseReduceSource('function (k, v) { return 1; }'), { context: CONTEXT }), 'compile');
  });

  it('build custom reducers through the given compiler', () => {
    const sources: string[] = [];
    const reducer = createReducer(parseReduceSource('function (k, v) { return v.length; }'), {
      context: CONTEXT,
      compile: (source) => {
        sources.push(source);
        return (_keys, values) => values.length;
      },
    });
    assert.deepEqual(reducer.finalize(reducer.reduce([{ key: 1, id: 'a', value: 1 }])), { ok: true, value: 1 });
    assert.deepEqual(sources, ['function (k, v) { return v.length; }']);
  });
});

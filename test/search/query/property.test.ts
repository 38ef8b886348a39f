import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildAnalyzer } from '../../../search/analysis/index.js';
import { analyzeQuery, parseQuery, printQuery, type QueryNode } from '../../../search/query/index.js';
import { SetteeError } from '../../../views/errors.js';
import { QUERY_CHARS, queryFragments, queryLike, queryNode } from './arbitraries.js';

/** Parses, or returns the 400 it failed with; any other outcome fails the property. */
function parseOrBadRequest(query: string): QueryNode | SetteeError {
  try {
    return parseQuery(query);
  } catch (error) {
    if (error instanceof SetteeError && error.status === 400 && error.error === 'bad_request') return error;
    throw error;
  }
}

const analyzer = buildAnalyzer({ kind: 'standard' });

describe('parseQuery properties', () => {
  it('parses any string or refuses it with a 400 bad_request, and analysis never fails otherwise', () => {
    fc.assert(
      fc.property(fc.oneof(queryLike(), queryFragments(), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.string({ unit: 'binary', maxLength: 30 })), (query) => {
        const node = parseOrBadRequest(query);
        if (node instanceof SetteeError) {
          assert.ok(node.reason.startsWith(`Cannot parse '${query}': `));
          return;
        }
        try {
          analyzeQuery(node, (field) => analyzer.forField(field));
        } catch (error) {
          assert.ok(error instanceof SetteeError && error.status === 400, String(error));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('finishes quickly on long adversarial input', () => {
    const started = performance.now();
    for (const unit of ['"', '\\', '/', '(', '[', '\\/', '"\\"', 'a*', '~', '^']) {
      parseOrBadRequest(unit.repeat(20_000));
      parseOrBadRequest(`x ${unit.repeat(20_000)} y`);
    }
    assert.ok(performance.now() - started < 5_000);
  });

  it('reads back the printed form of any parsable query as the same tree', () => {
    const withoutRegexps = QUERY_CHARS.filter((char) => char !== '/');
    fc.assert(
      fc.property(fc.oneof(queryLike(withoutRegexps), queryFragments()), (query) => {
        const node = parseOrBadRequest(query);
        if (node instanceof SetteeError) return;
        assert.deepEqual(parseQuery(printQuery(node)), node, printQuery(node));
        assert.deepEqual(parseQuery(printQuery(node, { defaultField: 'default' })), node);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('printQuery properties', () => {
  it('prints any generated syntax tree so that parsing gives the same tree', () => {
    fc.assert(
      fc.property(queryNode, (node) => {
        const printed = printQuery(node);
        assert.deepEqual(parseQuery(printed), node, printed);
        assert.deepEqual(parseQuery(printQuery(node, { defaultField: 'default' })), node);
      }),
      { numRuns: 2000 },
    );
  });
});

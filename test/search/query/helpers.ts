import assert from 'node:assert/strict';
import { buildAnalyzer, parseAnalyzerSpec } from '../../../search/analysis/index.js';
import { analyzeQuery, parseQuery, type AnalyzeQueryOptions, type SearchQuery } from '../../../search/query/index.js';
import { SetteeError } from '../../../views/errors.js';

/** Parses and analyses `query` with an analyzer spec (default: standard). */
export function analyzed(query: string, analyzer: unknown = 'standard', options: AnalyzeQueryOptions = {}): SearchQuery {
  const fields = buildAnalyzer(parseAnalyzerSpec(analyzer));
  return analyzeQuery(parseQuery(query), (field) => fields.forField(field), options);
}

/** A term query as `analyzeQuery` builds it. */
export function term(field: string, text: string, boost = 1): SearchQuery {
  return { kind: 'term', field, term: text, boost };
}

/** Asserts `fn` fails with a 400 bad_request and returns the reason. */
export function badRequestReason(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof SetteeError, `expected a SetteeError, got ${String(error)}`);
    assert.equal(error.status, 400);
    assert.equal(error.error, 'bad_request');
    return error.reason;
  }
  assert.fail('expected an error');
}

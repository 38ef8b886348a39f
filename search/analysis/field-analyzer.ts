import { namedAnalyzer } from './analyzers.js';
import type { AnalyzerSpec, SingleAnalyzerSpec } from './spec.js';
import type { Analyzer } from './token.js';

/** Fields Clouseau always analyses with `keyword`, whatever the index's analyzer. */
export const KEYWORD_FIELDS: ReadonlySet<string> = new Set(['_id', '_partition']);

/** The analyzers of one index, chosen per field. */
export interface FieldAnalyzer {
  readonly spec: AnalyzerSpec;
  /** The analyzer for `field`: its `perfield` entry, else the default; `_id`/`_partition` → keyword. */
  forField(field: string): Analyzer;
}

/**
 * Builds the analyzers of a spec once, for reuse across documents and queries.
 *
 * @example
 * const analyzer = buildAnalyzer(parseAnalyzerSpec({ name: 'perfield', default: 'english', fields: { tag: 'keyword' } }));
 * analyzer.forField('body').analyze('Running dogs').map((t) => t.term); // ['run', 'dog']
 * analyzer.forField('tag').analyze('Running dogs').map((t) => t.term);  // ['Running dogs']
 */
export function buildAnalyzer(spec: AnalyzerSpec): FieldAnalyzer {
  const keyword = namedAnalyzer('keyword');
  const fallback = single(spec.kind === 'perfield' ? spec.default : spec);
  const perField = new Map<string, Analyzer>();
  if (spec.kind === 'perfield') {
    for (const [field, fieldSpec] of Object.entries(spec.fields)) perField.set(field, single(fieldSpec));
  }
  return {
    spec,
    forField: (field) => (KEYWORD_FIELDS.has(field) ? keyword : (perField.get(field) ?? fallback)),
  };
}

function single(spec: SingleAnalyzerSpec): Analyzer {
  return 'stopwords' in spec && spec.stopwords !== undefined
    ? namedAnalyzer(spec.kind, { stopwords: spec.stopwords })
    : namedAnalyzer(spec.kind);
}

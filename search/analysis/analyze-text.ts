import { buildAnalyzer } from './field-analyzer.js';
import { parseAnalyzerSpec } from './spec.js';

/**
 * What `_search_analyze` answers: the terms `text` analyses to under `analyzer` (a name
 * or object spec; for `perfield`, the default analyzer unless `field` is given).
 *
 * @example
 * analyzeText('standard', 'ablanks@renovations.com'); // ['ablanks', 'renovations.com']
 */
export function analyzeText(analyzer: unknown, text: string, options: { field?: string } = {}): string[] {
  const field = options.field ?? 'default';
  return buildAnalyzer(parseAnalyzerSpec(analyzer))
    .forField(field)
    .analyze(text)
    .map((token) => token.term);
}

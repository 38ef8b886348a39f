import { namedAnalyzer, type AnalyzerName } from '../../../search/analysis/index.js';

/** The terms `text` analyses to under the named analyzer. */
export function terms(name: AnalyzerName, text: string, options: { stopwords?: readonly string[] } = {}): string[] {
  return namedAnalyzer(name, options)
    .analyze(text)
    .map((token) => token.term);
}

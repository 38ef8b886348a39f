/** The analyzers Settee implements, written once; the types derive from these lists. */
export const STOPWORD_ANALYZER_NAMES = ['standard', 'classic', 'email', 'english'] as const;
export const PLAIN_ANALYZER_NAMES = ['keyword', 'simple', 'simple_asciifolding', 'whitespace'] as const;
export const ANALYZER_NAMES = [...STOPWORD_ANALYZER_NAMES, ...PLAIN_ANALYZER_NAMES] as const;

/** Analyzers that accept a custom `stopwords` list. */
export type StopwordAnalyzerName = (typeof STOPWORD_ANALYZER_NAMES)[number];
/** Analyzers that ignore `stopwords`. */
export type PlainAnalyzerName = (typeof PLAIN_ANALYZER_NAMES)[number];
export type AnalyzerName = (typeof ANALYZER_NAMES)[number];

/**
 * Analyzers Clouseau offers that Settee does not implement (language stemmers and
 * dictionary segmenters); asking for one is a 400, like an unknown name.
 */
export const UNSUPPORTED_ANALYZER_NAMES: ReadonlySet<string> = new Set([
  'arabic', 'armenian', 'basque', 'brazilian', 'bulgarian', 'catalan', 'cjk', 'chinese', 'czech',
  'danish', 'dutch', 'finnish', 'french', 'galician', 'german', 'greek', 'hindi', 'hungarian',
  'indonesian', 'irish', 'italian', 'japanese', 'latvian', 'norwegian', 'persian', 'polish',
  'portuguese', 'romanian', 'russian', 'spanish', 'swedish', 'thai', 'turkish',
]);

export function isAnalyzerName(name: string): name is AnalyzerName {
  return (ANALYZER_NAMES as readonly string[]).includes(name);
}

export function isStopwordAnalyzerName(name: AnalyzerName): name is StopwordAnalyzerName {
  return (STOPWORD_ANALYZER_NAMES as readonly string[]).includes(name);
}

/**
 * Highlighting as Lucene's Highlighter does it with a QueryScorer and a SimpleFragmenter:
 * a stored value is re-analysed with its field's analyzer, cut into fragments of about
 * `size` characters at token boundaries, each fragment scored by the distinct query terms
 * it contains; the best `number` fragments with a score come back, matched tokens wrapped
 * in the pre and post tags.
 */
import type { Analyzer } from '../analysis/index.js';
import type { StoredValue } from './document.js';

export interface HighlightOptions {
  readonly fields: readonly string[];
  readonly preTag: string;
  readonly postTag: string;
  readonly number: number;
  /** fragment size in characters */
  readonly size: number;
}

/** Lucene's default fragment size when `highlight_size` is not given. */
export const DEFAULT_FRAGMENT_SIZE = 100;

interface Fragment {
  text: string;
  score: number;
  order: number;
}

export function highlightField(stored: StoredValue | undefined, analyzer: Analyzer, matches: ((term: string) => boolean) | undefined, options: HighlightOptions): string[] {
  if (stored === undefined || !matches) return [];
  const values = (Array.isArray(stored) ? stored : [stored]).filter((value): value is string => typeof value === 'string');
  const fragments: Fragment[] = [];
  for (const value of values) fragments.push(...fragmentsOf(value, analyzer, matches, options, fragments.length));
  return fragments
    .filter((fragment) => fragment.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, options.number)
    .map((fragment) => fragment.text);
}

function fragmentsOf(text: string, analyzer: Analyzer, matches: (term: string) => boolean, options: HighlightOptions, orderBase: number): Fragment[] {
  const tokens = analyzer.analyze(text).map((token) => ({ ...token, start: token.start ?? 0, end: token.end ?? text.length }));
  const fragments: Fragment[] = [];
  let fragmentStart = 0;
  let cursor = 0;
  let out = '';
  let matched = new Set<string>();
  const close = (end: number) => {
    out += text.slice(cursor, end);
    fragments.push({ text: out, score: matched.size, order: orderBase + fragments.length });
    fragmentStart = cursor = end;
    out = '';
    matched = new Set();
  };
  for (const token of tokens) {
    if (token.start >= fragmentStart + options.size && token.start > cursor) close(token.start);
    if (!matches(token.term) || token.start < cursor) continue;
    out += text.slice(cursor, token.start) + options.preTag + text.slice(token.start, token.end) + options.postTag;
    cursor = token.end;
    matched.add(token.term);
  }
  close(text.length);
  return fragments;
}

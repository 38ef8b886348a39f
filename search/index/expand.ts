/**
 * Multi-term queries over the term dictionary of a field, read with LMDB range scans:
 * prefix and range scans read only their key range, wildcards scan from their literal
 * prefix, fuzzy terms from their fixed prefix (the whole field when it is 0). Used for
 * fuzzy expansion and for the `_id` field; the constant-score kinds scan postings
 * directly (scan.ts).
 */
import { compareCodePoints } from './document.js';
import { editDistance } from './levenshtein.js';
import type { IndexReader } from './reader.js';

/** Lucene FuzzyQuery's default `maxExpansions`: the closest terms kept. */
export const MAX_FUZZY_EXPANSIONS = 50;

export function* prefixTerms(reader: IndexReader, field: string, prefix: string): Iterable<string> {
  for (const term of reader.terms(field, prefix)) {
    if (!term.startsWith(prefix)) return;
    yield term;
  }
}

/** Lucene wildcard syntax: `*` any run, `?` one character, `\` escapes; the literal prefix bounds the scan. */
export function wildcardRegex(pattern: string): { regex: RegExp; literalPrefix: string } {
  let source = '';
  let literalPrefix = '';
  let literal = true;
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char === '\\' && i + 1 < chars.length) {
      const escaped = chars[++i]!;
      source += escapeRegex(escaped);
      if (literal) literalPrefix += escaped;
    } else if (char === '*' || char === '?') {
      source += char === '*' ? '[^]*' : '[^]';
      literal = false;
    } else {
      source += escapeRegex(char);
      if (literal) literalPrefix += char;
    }
  }
  return { regex: new RegExp(`^(?:${source})$`, 'u'), literalPrefix };
}

/** `/pattern/`: a JavaScript regular expression anchored at both ends (close to Lucene's syntax for common patterns). */
export function anchoredRegex(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 'u');
  } catch {
    return undefined;
  }
}

export interface FuzzyTerm {
  term: string;
  /** Lucene's per-term boost: 1 − distance / min(term length, query length) */
  boost: number;
}

export function fuzzyTerms(reader: IndexReader, field: string, query: string, options: { maxEdits: number; prefixLength: number }): FuzzyTerm[] {
  const prefix = Array.from(query).slice(0, options.prefixLength).join('');
  const queryLength = Array.from(query).length;
  const found: Array<{ term: string; distance: number }> = [];
  for (const term of prefixTerms(reader, field, prefix)) {
    const distance = editDistance(query, term, options.maxEdits);
    if (distance <= options.maxEdits) found.push({ term, distance });
  }
  found.sort((a, b) => a.distance - b.distance || compareCodePoints(a.term, b.term));
  return found.slice(0, MAX_FUZZY_EXPANSIONS).map(({ term, distance }) => ({
    term,
    boost: distance === 0 ? 1 : Math.max(0, 1 - distance / Math.min(Array.from(term).length, queryLength)),
  }));
}

export interface TermBounds {
  lower: string | undefined;
  upper: string | undefined;
  includeLower: boolean;
  includeUpper: boolean;
}

export function* rangeTerms(reader: IndexReader, field: string, bounds: TermBounds): Iterable<string> {
  for (const term of reader.terms(field, bounds.lower ?? '')) {
    if (bounds.lower !== undefined && !bounds.includeLower && term === bounds.lower) continue;
    if (bounds.upper !== undefined) {
      const order = compareCodePoints(term, bounds.upper);
      if (order > 0 || (order === 0 && !bounds.includeUpper)) return;
    }
    yield term;
  }
}

function escapeRegex(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}

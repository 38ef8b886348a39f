import type { QueryNode } from './ast.js';
import { discardEscapes } from './escapes.js';
import { parseJavaDouble } from './java-double.js';
import type { QueryToken } from './tokens.js';

/** Lucene's default fuzzy similarity: read as "2 edits" (`FuzzyQuery.defaultMinSimilarity`). */
const DEFAULT_FUZZY_SIMILARITY = 2;
/** The most edits Lucene's Levenshtein automata support. */
export const MAX_FUZZY_EDITS = 2;
/** Slop of a quoted phrase written without `~N`. */
const DEFAULT_PHRASE_SLOP = 0;

export interface BareTermContext {
  readonly field: string;
  /** The `~…` written after the term, if any. */
  readonly fuzzySlop: string | undefined;
  readonly allowLeadingWildcard: boolean;
}

/**
 * Lucene's `handleBareTokenQuery`: a wildcard beats a prefix, which beats a regexp,
 * which beats fuzziness (`te?t~1` is a wildcard query). The term text is unescaped
 * first in every case, so a bad escape fails even in a wildcard.
 */
export function bareTermNode(token: QueryToken, context: BareTermContext): { node: QueryNode } | { error: string } {
  const { field, fuzzySlop, allowLeadingWildcard } = context;
  const image = token.kind === 'BAREOPER' ? token.image.charAt(0) : token.image;
  const unescaped = discardEscapes(image);
  if ('error' in unescaped) return unescaped;
  switch (token.kind) {
    case 'STAR':
    case 'WILDTERM':
      if (field === '*' && image === '*') return { node: { kind: 'match_all' } };
      if (!allowLeadingWildcard && (image.startsWith('*') || image.startsWith('?'))) {
        return { error: "'*' or '?' not allowed as first character in WildcardQuery" };
      }
      return { node: { kind: 'wildcard', field, pattern: image } };
    case 'PREFIXTERM': {
      const prefix = discardEscapes(image.slice(0, -1));
      if ('error' in prefix) return prefix;
      if (!allowLeadingWildcard && prefix.text.startsWith('*')) return { error: "'*' not allowed as first character in PrefixQuery" };
      return { node: { kind: 'prefix', field, prefix: prefix.text } };
    }
    case 'REGEXPTERM':
      return { node: { kind: 'regexp', field, pattern: image.slice(1, -1) } };
    default:
      break;
  }
  const text = unescaped.text;
  if (fuzzySlop !== undefined) {
    const maxEdits = fuzzyEdits(fuzzySlop, text);
    return typeof maxEdits === 'number' ? { node: { kind: 'fuzzy', field, text, maxEdits } } : maxEdits;
  }
  const numeric = parseJavaDouble(text);
  return { node: numeric === undefined ? { kind: 'term', field, text } : { kind: 'term', field, text, numeric } };
}

/**
 * `~N` as Lucene 4.6 reads it (`handleBareFuzzy` + `FuzzyQuery.floatToEdits`): a whole
 * number of edits (capped at 2), or a legacy similarity below 1 scaled by the term's
 * length; a fractional number of edits is an error. Java reads the number as a float.
 */
function fuzzyEdits(slop: string, text: string): number | { error: string } {
  const similarity = slop.length > 1 ? Math.fround(Number(slop.slice(1))) : DEFAULT_FUZZY_SIMILARITY;
  if (similarity >= 1 && similarity !== javaIntCast(similarity)) return { error: 'Fractional edit distances are not allowed!' };
  if (similarity >= 1) return Math.min(similarity, MAX_FUZZY_EDITS);
  if (similarity === 0) return 0;
  return Math.min(javaIntCast((1 - similarity) * [...text].length), MAX_FUZZY_EDITS);
}

/** Slop of a quoted phrase: `~2.7` → 2; a bare `~` keeps the default. */
export function phraseSlop(slop: string | undefined): number {
  return slop === undefined || slop.length <= 1 ? DEFAULT_PHRASE_SLOP : javaIntCast(Math.fround(Number(slop.slice(1))));
}

/** Java's narrowing of a float to int: truncation, saturating at the int range. */
function javaIntCast(value: number): number {
  return Math.max(-(2 ** 31), Math.min(2 ** 31 - 1, Math.trunc(value)));
}

import type { Span } from './spans.js';

/**
 * ClassicTokenizer: the Lucene ≤ 3.0 StandardTokenizer grammar, which keeps e-mail
 * addresses, host names, acronyms, company names (`AT&T`) and number-like runs
 * (`1-800-555`, `v2.0`) as single tokens. Each rule is a sticky regular expression;
 * as in the JFlex original the longest match wins and ties go to the earlier rule.
 */
export type ClassicType = 'alphanum' | 'apostrophe' | 'acronym' | 'company' | 'email' | 'host' | 'num' | 'cj' | 'acronym_dep';

export interface ClassicSpan extends Span {
  readonly type: ClassicType;
}

const CJ = '[\\u3100-\\u312f\\u3040-\\u309f\\u30a0-\\u30ff\\u31f0-\\u31ff\\u3300-\\u337f\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff65-\\uff9f]';
const LETTER = `(?:(?!${CJ})\\p{L})`;
const ALNUM = `(?:${LETTER}|\\p{Nd}|[\\uac00-\\ud7af\\u1100-\\u11ff])`;
const ALPHANUM = `${ALNUM}+`;
const ALPHA = `${LETTER}+`;
const P = '[_\\-/.,]';
const HAS_DIGIT = `${ALNUM}*\\p{Nd}${ALNUM}*`;

const RULES: ReadonlyArray<readonly [ClassicType, RegExp]> = (
  [
    ['alphanum', ALPHANUM],
    ['apostrophe', `${ALPHA}(?:'${ALPHA})+`],
    ['acronym', `${LETTER}\\.(?:${LETTER}\\.)+`],
    ['company', `${ALPHA}[&@]${ALPHA}`],
    ['email', `${ALPHANUM}(?:[._-]${ALPHANUM})*@${ALPHANUM}(?:[.-]${ALPHANUM})+`],
    ['host', `${ALPHANUM}(?:\\.${ALPHANUM})+`],
    ['num', `${ALPHANUM}${P}${HAS_DIGIT}`],
    ['num', `${HAS_DIGIT}${P}${ALPHANUM}`],
    ['num', `${ALPHANUM}(?:${P}${HAS_DIGIT}${P}${ALPHANUM})+`],
    ['num', `${HAS_DIGIT}(?:${P}${ALPHANUM}${P}${HAS_DIGIT})+`],
    ['num', `${ALPHANUM}${P}${HAS_DIGIT}(?:${P}${ALPHANUM}${P}${HAS_DIGIT})+`],
    ['num', `${HAS_DIGIT}${P}${ALPHANUM}(?:${P}${HAS_DIGIT}${P}${ALPHANUM})+`],
    ['cj', CJ],
    ['acronym_dep', `${ALPHANUM}\\.(?:${ALPHANUM}\\.)+`],
  ] as const
).map(([type, source]) => [type, new RegExp(source, 'uy')] as const);

/** The tokens of the classic grammar; characters no rule matches are skipped. */
export function classicSpans(text: string): ClassicSpan[] {
  const spans: ClassicSpan[] = [];
  let at = 0;
  while (at < text.length) {
    const best = longestRule(text, at);
    if (best === undefined) {
      at += (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1;
      continue;
    }
    spans.push(normalizeDeprecatedAcronym({ text: best.text, start: at, end: at + best.text.length, type: best.type }));
    at += best.text.length;
  }
  return spans;
}

function longestRule(text: string, at: number): { type: ClassicType; text: string } | undefined {
  let best: { type: ClassicType; text: string } | undefined;
  for (const [type, rule] of RULES) {
    rule.lastIndex = at;
    const match = rule.exec(text);
    if (match !== null && (best === undefined || match[0].length > best.text.length)) {
      best = { type, text: match[0] };
    }
  }
  return best;
}

/** Lucene ≥ 2.4 reads `www.apache.org.` as the host `www.apache.org`. */
function normalizeDeprecatedAcronym(span: ClassicSpan): ClassicSpan {
  if (span.type !== 'acronym_dep') return span;
  return { text: span.text.slice(0, -1), start: span.start, end: span.end - 1, type: 'host' };
}

/** ClassicFilter: drops a trailing `'s` from apostrophe tokens and the dots from acronyms. */
export function classicFilter(span: ClassicSpan): Span {
  if (span.type === 'apostrophe' && /'[sS]$/.test(span.text)) {
    return { ...span, text: span.text.slice(0, -2) };
  }
  if (span.type === 'acronym') return { ...span, text: span.text.replaceAll('.', '') };
  return span;
}

import type { Span } from './spans.js';
import { wordSpans } from './word-break.js';

/**
 * UAX29URLEmailTokenizer, approximated: standard word segmentation, except that e-mail
 * addresses and URLs (with a scheme, or a bare host name ending in a top-level domain,
 * with an optional port and path) come out as one token each. Lucene checks hosts
 * against the IANA list of its day; this keeps every two-letter country code and the
 * generic domains that existed then.
 */
const TLD = '(?:[a-z]{2}|com|net|org|edu|gov|mil|int|info|biz|name|pro|aero|coop|museum|mobi|asia|tel|travel|jobs|cat|post|xxx|arpa)';
const HOST = `(?:[a-z0-9-]{1,63}\\.)+${TLD}(?![a-z0-9-])`;
const LOCAL_CHAR = "[a-z0-9!#$%&'*+/=?^_`{|}~-]";
const EMAIL = `${LOCAL_CHAR}+(?:\\.${LOCAL_CHAR}+)*@${HOST}`;
const PATH_CHAR = '[^\\s<>"]';
const PATH_END = '[^\\s<>".,;:!?\'()\\[\\]{}]';
const PATH = `(?:/(?:${PATH_CHAR}*${PATH_END})?)?`;
const SCHEME_URL = `(?:https?|ftp|file)://${PATH_CHAR}*${PATH_END}`;
const BARE_URL = `${HOST}(?::[0-9]{1,5})?${PATH}`;
const START = '(?<![\\p{L}\\p{N}._@-])';

const URL_OR_EMAIL = new RegExp(`${START}(?:${SCHEME_URL}|${EMAIL}|${BARE_URL})`, 'giu');

/** Spans of `text`: URLs and e-mail addresses whole, standard words elsewhere. */
export function urlEmailSpans(text: string): Span[] {
  const spans: Span[] = [];
  let done = 0;
  for (const match of text.matchAll(URL_OR_EMAIL)) {
    const start = match.index;
    spans.push(...wordSpans(text.slice(done, start), done));
    spans.push({ text: match[0], start, end: start + match[0].length });
    done = start + match[0].length;
  }
  spans.push(...wordSpans(text.slice(done), done));
  return spans;
}

import type { Span } from './spans.js';

/**
 * Unicode word segmentation (UAX #29) the way Lucene 4.6's StandardTokenizer applies
 * it, built on `Intl.Segmenter`. Two adjustments bring ICU's answer closer to Lucene:
 * ICU segments Chinese/Japanese with a dictionary, Lucene emits every ideograph and every
 * hiragana character as its own token; ICU splits Thai/Lao/Khmer/Myanmar with a
 * dictionary, Lucene keeps a run of such characters as one token.
 */
const segmenter = new Intl.Segmenter('und', { granularity: 'word' });

const ONE_TOKEN_PER_CHAR = /[\p{Script=Han}\p{Script=Hiragana}]/u;
const COMPLEX_CONTEXT = /^[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{M}]+$/u;

/**
 * V8's segmenter slows down quadratically with the length of its input, so long texts
 * are segmented in chunks of about this many UTF-16 units, cut where no word can span.
 */
export const SEGMENT_CHUNK = 2048;
/** Cut points, best first: whitespace, then a character that never joins a word. */
const WHITESPACE = /[\t\n\r ]/g;
const NEVER_IN_WORD = /[^\p{L}\p{N}\p{M}\p{Pc}\p{Cf}.,:;'\u2019\u00b7\u0387\u05f4\u2018\u2024\ufe10\ufe13\ufe14\ufe50\ufe52\ufe54\ufe55\uff07\uff0c\uff0e\uff1a\uff1b]/gu;

/** Word-like segments of `text`, with offsets shifted by `offset`. */
export function wordSpans(text: string, offset = 0): Span[] {
  const spans: Span[] = [];
  let start = 0;
  while (start < text.length) {
    const end = chunkEnd(text, start);
    segmentInto(spans, text.slice(start, end), offset + start);
    start = end;
  }
  return spans;
}

/** Where the chunk starting at `start` ends: past SEGMENT_CHUNK, at a safe cut, within four chunks. */
function chunkEnd(text: string, start: number): number {
  const from = start + SEGMENT_CHUNK;
  if (from >= text.length) return text.length;
  const limit = Math.min(text.length, start + 4 * SEGMENT_CHUNK);
  for (const pattern of [WHITESPACE, NEVER_IN_WORD]) {
    pattern.lastIndex = from;
    const cut = pattern.exec(text);
    if (cut !== null && cut.index < limit) return cut.index;
  }
  return limit;
}

function segmentInto(spans: Span[], text: string, offset: number): void {
  for (const segment of segmenter.segment(text)) {
    if (!segment.isWordLike) continue;
    const start = offset + segment.index;
    const span = { text: segment.segment, start, end: start + segment.segment.length };
    if (ONE_TOKEN_PER_CHAR.test(span.text)) spans.push(...splitIdeographs(span));
    else if (!mergeComplexContext(spans, span)) spans.push(span);
  }
}

/** Splits a segment so each Han or hiragana character stands alone. */
function splitIdeographs(span: Span): Span[] {
  const parts: Span[] = [];
  let run = '';
  let runStart = span.start;
  let at = span.start;
  const flush = (): void => {
    if (run !== '') parts.push({ text: run, start: runStart, end: runStart + run.length });
    run = '';
  };
  for (const char of span.text) {
    if (ONE_TOKEN_PER_CHAR.test(char)) {
      flush();
      parts.push({ text: char, start: at, end: at + char.length });
    } else {
      if (run === '') runStart = at;
      run += char;
    }
    at += char.length;
  }
  flush();
  return parts;
}

/** Appends `span` to the previous span when both are adjacent runs of South-East Asian script. */
function mergeComplexContext(spans: Span[], span: Span): boolean {
  const last = spans[spans.length - 1];
  if (last === undefined || last.end !== span.start) return false;
  if (!COMPLEX_CONTEXT.test(last.text) || !COMPLEX_CONTEXT.test(span.text)) return false;
  spans[spans.length - 1] = { text: last.text + span.text, start: last.start, end: span.end };
  return true;
}

/**
 * Lucene's `discardEscapeChar`: `\x` stands for `x`, `\uXXXX` for a UTF-16 unit. Returns
 * the unescaped text, or an error detail worded as Lucene's.
 */
export function discardEscapes(input: string): { text: string } | { error: string } {
  let text = '';
  let escaping = false;
  let hexLeft = 0;
  let unit = 0;
  for (const char of input) {
    if (hexLeft > 0) {
      const digit = HEX_DIGIT.test(char) ? parseInt(char, 16) : -1;
      if (digit < 0) return { error: `Non-hex character in Unicode escape sequence: ${char}` };
      unit = unit * 16 + digit;
      hexLeft--;
      if (hexLeft === 0) text += String.fromCharCode(unit);
    } else if (escaping) {
      escaping = false;
      if (char === 'u') {
        hexLeft = 4;
        unit = 0;
      } else text += char;
    } else if (char === '\\') escaping = true;
    else text += char;
  }
  if (hexLeft > 0) return { error: 'Truncated unicode escape sequence.' };
  if (escaping) return { error: 'Term can not end with escape character.' };
  return { text };
}

const HEX_DIGIT = /^[0-9a-fA-F]$/;

/** Characters a bare term (or field name) must escape to be read back as written. */
const TERM_SPECIALS = /[\s\u3000+\-!():^[\]"{}~*?\\/&|]/gu;
const OPERATOR_WORDS = new Set(['AND', 'OR', 'NOT', 'TO']);

/** Writes `text` so the query lexer reads it back as one bare term with this text. */
export function escapeTerm(text: string): string {
  const escaped = text.replace(TERM_SPECIALS, (char) => `\\${char}`);
  return OPERATOR_WORDS.has(text) ? `\\${escaped}` : escaped;
}

/** Writes `text` as the inside of a quoted phrase. */
export function escapePhrase(text: string): string {
  return text.replace(/["\\]/g, (char) => `\\${char}`);
}

/** Bare range bounds that need no quoting. */
const PLAIN_BOUND = /^[\p{L}\p{N}_.,:@+\-]+$/u;

/**
 * Writes a range bound. A backslash inside quotes is written `\u005C`: a quote right
 * after a backslash could otherwise be read as escaped.
 */
export function escapeRangeBound(text: string | null): string {
  if (text === null) return '*';
  if (PLAIN_BOUND.test(text) && text !== 'TO') return text;
  return `"${text.replace(/\\/g, '\\u005C').replace(/"/g, '\\"')}"`;
}

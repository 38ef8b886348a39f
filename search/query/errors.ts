import { errors, type SetteeError } from '../../views/index.js';
import { TOKEN_IMAGES, type QueryToken, type TokenKind } from './tokens.js';

/**
 * Query syntax errors, worded like Lucene's so clients that match on them keep working:
 * `Cannot parse '<query>': <detail>`, a 400 `bad_request`. Lucene's query parser
 * reads from a stream that reports every position as line 1 and a 0-based column.
 */
export function cannotParse(query: string, detail: string): SetteeError {
  return errors.badRequest(`Cannot parse '${query}': ${detail}`);
}

/** JavaCC's ParseException text: what was found, where, and what would have fitted. */
export function unexpectedToken(token: QueryToken, expected: readonly TokenKind[]): string {
  const found = token.kind === 'EOF' ? TOKEN_IMAGES.EOF : ` ${TOKEN_IMAGES[token.kind]} "${javaEscape(token.image)} "`;
  const lines = expected.map((kind) => (kind === 'EOF' ? TOKEN_IMAGES.EOF : `${TOKEN_IMAGES[kind]} ...`));
  const heading = lines.length === 1 ? 'Was expecting:' : 'Was expecting one of:';
  return `Encountered "${found}" at line 1, column ${token.offset}.\n${heading}\n    ${lines.join('\n    ')}`;
}

/**
 * JavaCC's TokenMgrError text for input no token matches. `start` is where the failed
 * token began and `end` how far the lexer read; reaching the end of the query reports
 * `<EOF>` (with the text read so far when that was more than one character).
 */
export function lexicalError(query: string, start: number, end: number): string {
  if (end >= query.length) {
    const after = end - start <= 1 ? '' : query.slice(start, end);
    return `Lexical error at line 1, column ${query.length + 1}.  Encountered: <EOF> after : "${javaEscape(after)}"`;
  }
  const char = query.charAt(start);
  return `Lexical error at line 1, column ${start + 1}.  Encountered: "${javaEscape(char)}" (${char.charCodeAt(0)}), after : ""`;
}

const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  "'": "\\'",
  '\\': '\\\\',
};

/** JavaCC's `addEscapes`: named escapes, and `\uXXXX` outside printable ASCII. */
function javaEscape(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text.charAt(i);
    const code = char.charCodeAt(0);
    out += NAMED_ESCAPES[char] ?? (code < 0x20 || code > 0x7e ? `\\u${code.toString(16).padStart(4, '0')}` : char);
  }
  return out;
}

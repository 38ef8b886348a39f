/**
 * Refuses user source that would create promises: `async` functions and `import()`.
 *
 * Map, reduce and index functions are synchronous in CouchDB; a promise in the sandbox
 * only does harm. Its jobs run after the function returned (they cannot emit for the
 * right document), a rejection reaches the host's `unhandledRejection` handlers, and —
 * the reason this guard exists — a promise job stopped by the time limit while
 * `async_hooks` are active (node:test, AsyncLocalStorage users) leaves Node's async hook
 * stack corrupted, which aborts the whole process. The realm has no `Promise` global
 * (harden.ts), so syntax is the only remaining way to make one.
 *
 * This is a conservative scanner, not a parser: it skips comments, strings, template
 * text and regular expression literals, then looks at each `async` and `import` word.
 * `async` followed by `(`, `*` or a word (`async function`, `async x =>`, `async m() {}`)
 * is refused unless it follows a `.`; `import` followed by `(` or `.` likewise.
 * A method or function merely named `async` is refused too (rare; it reads as an arrow).
 * Keywords cannot contain escapes, so `\u0061sync` is not a way around it.
 */
const WORD_START = /[A-Za-z_$\u0080-\uffff]/;
const WORD_PART = /[\w$\u0080-\uffff]/;
/** Words after which a `/` starts a regular expression rather than a division. */
const EXPRESSION_KEYWORDS = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
]);

export const FORBIDDEN_SYNTAX_MESSAGE = 'async functions and import() are not available in design document functions';

/** Returns `null`, or why `source` is refused. */
export function forbiddenSyntax(source: string): string | null {
  const scanner = new Scanner(source);
  return scanner.findForbidden() ? FORBIDDEN_SYNTAX_MESSAGE : null;
}

class Scanner {
  #pos = 0;
  /** The last significant token: a punctuator character, `word:<w>` or `value`. */
  #previous = '';
  #braces = 0;
  /** Brace depths at which an open template substitution (`${`) ends. */
  readonly #templates: number[] = [];

  constructor(private readonly source: string) {}

  findForbidden(): boolean {
    const { source } = this;
    while (this.#pos < source.length) {
      const c = source[this.#pos] as string;
      if (/\s/.test(c)) this.#pos++;
      else if (this.#skipComment()) continue;
      else if (c === '"' || c === "'") this.#skipString(c);
      else if (c === '`') this.#skipTemplate();
      else if (c === '/' && this.#regexAllowed() && this.#skipRegex()) continue;
      else if (WORD_START.test(c)) {
        if (this.#wordIsForbidden()) return true;
      } else if (/[0-9]/.test(c)) this.#skipNumber();
      else this.#punctuator(c);
    }
    return false;
  }

  #wordIsForbidden(): boolean {
    const start = this.#pos;
    while (this.#pos < this.source.length && WORD_PART.test(this.source[this.#pos] as string)) this.#pos++;
    const word = this.source.slice(start, this.#pos);
    const afterDot = this.#previous === '.';
    this.#previous = `word:${word}`;
    if (afterDot || (word !== 'async' && word !== 'import')) return false;
    const next = this.#peekSignificant();
    if (word === 'async') return next === '(' || next === '*' || WORD_START.test(next);
    return next === '(' || next === '.';
  }

  #punctuator(c: string): void {
    this.#pos++;
    if (c === '{') this.#braces++;
    if (c === '}') {
      this.#braces--;
      if (this.#templates.length > 0 && this.#templates[this.#templates.length - 1] === this.#braces) {
        this.#templates.pop();
        this.#skipTemplateText();
        return;
      }
    }
    this.#previous = c === ']' || c === ')' ? 'value' : c;
  }

  #regexAllowed(): boolean {
    const previous = this.#previous;
    if (previous === 'value') return false;
    if (previous.startsWith('word:')) return EXPRESSION_KEYWORDS.has(previous.slice('word:'.length));
    return true;
  }

  #peekSignificant(): string {
    const saved = this.#pos;
    for (;;) {
      while (this.#pos < this.source.length && /\s/.test(this.source[this.#pos] as string)) this.#pos++;
      if (!this.#skipComment()) break;
    }
    const next = this.source[this.#pos] ?? '';
    this.#pos = saved;
    return next;
  }

  #skipComment(): boolean {
    const { source } = this;
    if (source[this.#pos] !== '/') return false;
    if (source[this.#pos + 1] === '/') {
      const end = source.indexOf('\n', this.#pos);
      this.#pos = end < 0 ? source.length : end;
      return true;
    }
    if (source[this.#pos + 1] === '*') {
      const end = source.indexOf('*/', this.#pos + 2);
      this.#pos = end < 0 ? source.length : end + 2;
      return true;
    }
    return false;
  }

  #skipString(quote: string): void {
    const { source } = this;
    this.#pos++;
    while (this.#pos < source.length && source[this.#pos] !== quote) this.#pos += source[this.#pos] === '\\' ? 2 : 1;
    this.#pos++;
    this.#previous = 'value';
  }

  #skipTemplate(): void {
    this.#pos++;
    this.#skipTemplateText();
  }

  /** From inside template text to its closing backtick, or into a `${` substitution. */
  #skipTemplateText(): void {
    const { source } = this;
    while (this.#pos < source.length) {
      const c = source[this.#pos];
      if (c === '\\') this.#pos += 2;
      else if (c === '`') {
        this.#pos++;
        break;
      } else if (c === '$' && source[this.#pos + 1] === '{') {
        this.#pos += 2;
        this.#templates.push(this.#braces);
        this.#braces++;
        this.#previous = '{';
        return;
      } else this.#pos++;
    }
    this.#previous = 'value';
  }

  /** Skips `/.../flags` on one line; returns false (a division after all) if the line ends first. */
  #skipRegex(): boolean {
    const { source } = this;
    let pos = this.#pos + 1;
    let inClass = false;
    while (pos < source.length) {
      const c = source[pos];
      if (c === '\n' || c === '\r') return false;
      if (c === '\\') pos += 2;
      else {
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) break;
        pos++;
      }
    }
    pos++;
    while (pos < source.length && WORD_PART.test(source[pos] as string)) pos++;
    this.#pos = pos;
    this.#previous = 'value';
    return true;
  }

  #skipNumber(): void {
    while (this.#pos < this.source.length && /[\w.]/.test(this.source[this.#pos] as string)) this.#pos++;
    this.#previous = 'value';
  }
}

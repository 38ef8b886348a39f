import type { BooleanClauseNode, Conjunction, Modifier, QueryNode } from './ast.js';
import { cannotParse, unexpectedToken } from './errors.js';
import { discardEscapes } from './escapes.js';
import { QueryLexer } from './lexer.js';
import { bareTermNode, phraseSlop } from './term-nodes.js';
import type { QueryToken, TokenKind } from './tokens.js';

export interface ParseQueryOptions {
  /** The field of clauses written without `field:`. Dreyfus uses `default`. */
  readonly defaultField?: string;
  /** Lucene refuses `*foo`, `?oo` and `field:*` unless this is set; Clouseau never sets it. */
  readonly allowLeadingWildcard?: boolean;
}

/**
 * Parentheses may nest this deep. Lucene has no limit (it overflows its stack); Settee
 * answers a 400 instead, long before the JavaScript stack is at risk.
 */
export const MAX_NESTING = 256;

const MODIFIER_TOKENS: readonly TokenKind[] = ['NOT', 'PLUS', 'MINUS'];
const TERM_STARTS: readonly TokenKind[] = [
  'BAREOPER', 'LPAREN', 'STAR', 'QUOTED', 'TERM', 'PREFIXTERM', 'WILDTERM', 'REGEXPTERM', 'RANGEIN_START', 'RANGEEX_START', 'NUMBER',
];
/** What may start another clause of the same list. */
const CLAUSE_STARTS: readonly TokenKind[] = ['AND', 'OR', ...MODIFIER_TOKENS, ...TERM_STARTS];

/**
 * Parses Lucene classic query syntax (Lucene 4.6 QueryParser.jj, as Clouseau runs it)
 * into a `QueryNode`. Malformed input is a 400 `bad_request` worded like Lucene's
 * ("Cannot parse '…': Encountered …").
 *
 * @example
 * parseQuery('title:(red apple) AND price:[1 TO 5]');
 */
export function parseQuery(query: string, options: ParseQueryOptions = {}): QueryNode {
  return new Parser(query, options).parseTopLevel();
}

class Parser {
  private readonly lexer: QueryLexer;
  private readonly lookahead: QueryToken[] = [];
  private readonly defaultField: string;
  private readonly allowLeadingWildcard: boolean;

  constructor(
    private readonly query: string,
    options: ParseQueryOptions,
  ) {
    this.lexer = new QueryLexer(query);
    this.defaultField = options.defaultField ?? 'default';
    this.allowLeadingWildcard = options.allowLeadingWildcard ?? false;
  }

  parseTopLevel(): QueryNode {
    const node = this.parseClauses(this.defaultField, 0);
    this.expect(['EOF'], ['EOF', ...CLAUSE_STARTS]);
    return node;
  }

  /** Query ::= Modifiers Clause (Conjunction Modifiers Clause)* */
  private parseClauses(field: string, depth: number): QueryNode {
    const clauses: BooleanClauseNode[] = [];
    let conjunction: Conjunction | null = null;
    for (;;) {
      const modifier = this.parseModifier();
      const query = this.parseClause(field, depth, modifier === null);
      clauses.push({ conjunction, modifier, query });
      if (!CLAUSE_STARTS.includes(this.peek().kind)) break;
      conjunction = this.parseConjunction();
    }
    const [only] = clauses;
    if (clauses.length === 1 && only !== undefined && only.modifier === null) return only.query;
    return { kind: 'boolean', clauses };
  }

  private parseModifier(): Modifier | null {
    const kind = this.peek().kind;
    const modifier = kind === 'PLUS' ? 'required' : kind === 'MINUS' || kind === 'NOT' ? 'prohibited' : null;
    if (modifier !== null) this.take();
    return modifier;
  }

  private parseConjunction(): Conjunction | null {
    const kind = this.peek().kind;
    const conjunction = kind === 'AND' ? 'and' : kind === 'OR' ? 'or' : null;
    if (conjunction !== null) this.take();
    return conjunction;
  }

  /** Clause ::= [(TERM | "*") ":"] (Term | "(" Query ")" ["^" NUMBER]) */
  private parseClause(field: string, depth: number, modifiersAllowed: boolean): QueryNode {
    const first = this.peek();
    if ((first.kind === 'TERM' || first.kind === 'STAR') && this.peek(1).kind === 'COLON') {
      field = first.kind === 'STAR' ? '*' : this.unescape(first.image);
      this.take();
      this.take();
      modifiersAllowed = false;
    }
    if (this.peek().kind !== 'LPAREN') return this.parseTerm(field, modifiersAllowed);
    this.take();
    if (depth + 1 > MAX_NESTING) throw cannotParse(this.query, `Parentheses nested deeper than ${MAX_NESTING} levels.`);
    const inner = this.parseClauses(field, depth + 1);
    this.expect(['RPAREN'], ['RPAREN', ...CLAUSE_STARTS]);
    return this.parseBoost(inner);
  }

  /** Term ::= bare token [~slop] [^boost [~slop]] | range [^boost] | quoted [~slop] [^boost] */
  private parseTerm(field: string, modifiersAllowed: boolean): QueryNode {
    const token = this.peek();
    switch (token.kind) {
      case 'TERM':
      case 'STAR':
      case 'PREFIXTERM':
      case 'WILDTERM':
      case 'REGEXPTERM':
      case 'NUMBER':
      case 'BAREOPER': {
        this.take();
        let slop = this.optional('FUZZY_SLOP');
        const boost = this.optional('CARAT') && this.expect(['NUMBER'], ['NUMBER']);
        if (boost !== undefined) slop = this.optional('FUZZY_SLOP') ?? slop;
        const node = bareTermNode(token, { field, fuzzySlop: slop?.image, allowLeadingWildcard: this.allowLeadingWildcard });
        if ('error' in node) throw cannotParse(this.query, node.error);
        return withBoost(node.node, boost);
      }
      case 'RANGEIN_START':
      case 'RANGEEX_START':
        return this.parseRange(field);
      case 'QUOTED': {
        this.take();
        const slop = this.optional('FUZZY_SLOP');
        const text = this.unescape(token.image.slice(1, -1));
        return this.parseBoost({ kind: 'phrase', field, text, slop: phraseSlop(slop?.image) });
      }
      default:
        throw cannotParse(this.query, unexpectedToken(token, modifiersAllowed ? [...MODIFIER_TOKENS, ...TERM_STARTS] : TERM_STARTS));
    }
  }

  private parseRange(field: string): QueryNode {
    const open = this.take();
    const lower = this.rangeBound();
    this.optional('RANGE_TO');
    const upper = this.rangeBound();
    const close = this.expect(['RANGEIN_END', 'RANGEEX_END'], ['RANGEIN_END', 'RANGEEX_END']);
    return this.parseBoost({
      kind: 'range',
      field,
      lower,
      upper,
      lowerInclusive: open.kind === 'RANGEIN_START',
      upperInclusive: close.kind === 'RANGEIN_END',
    });
  }

  /** A quoted bound loses its quotes; an unquoted `*` is an open end. */
  private rangeBound(): string | null {
    const token = this.expect(['RANGE_GOOP', 'RANGE_QUOTED'], ['RANGE_TO', 'RANGE_QUOTED', 'RANGE_GOOP']);
    if (token.kind === 'RANGE_QUOTED') return this.unescape(token.image.slice(1, -1));
    return token.image === '*' ? null : this.unescape(token.image);
  }

  private parseBoost(node: QueryNode): QueryNode {
    return withBoost(node, this.optional('CARAT') && this.expect(['NUMBER'], ['NUMBER']));
  }

  private unescape(text: string): string {
    const result = discardEscapes(text);
    if ('error' in result) throw cannotParse(this.query, result.error);
    return result.text;
  }

  private peek(distance = 0): QueryToken {
    while (this.lookahead.length <= distance) this.lookahead.push(this.lexer.next());
    return this.lookahead[distance] as QueryToken;
  }

  private take(): QueryToken {
    const token = this.peek();
    this.lookahead.shift();
    return token;
  }

  private optional(kind: TokenKind): QueryToken | undefined {
    return this.peek().kind === kind ? this.take() : undefined;
  }

  /** Takes a token of one of `kinds`, or fails naming what would have fitted here. */
  private expect(kinds: readonly TokenKind[], expected: readonly TokenKind[]): QueryToken {
    const token = this.peek();
    if (!kinds.includes(token.kind)) throw cannotParse(this.query, unexpectedToken(token, expected));
    return this.take();
  }
}

/** Lucene's `handleBoost`: the written boost replaces any boost the query already had. */
function withBoost(node: QueryNode, boost: QueryToken | undefined): QueryNode {
  return boost === undefined ? node : { ...node, boost: Number(boost.image) };
}

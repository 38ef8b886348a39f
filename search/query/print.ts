import type { BooleanClauseNode, QueryNode } from './ast.js';
import { escapePhrase, escapeRangeBound, escapeTerm } from './escapes.js';

export interface PrintQueryOptions {
  /** Leaves on this field are written without `field:`; parse with the same default field. */
  readonly defaultField?: string;
}

/**
 * Writes a syntax tree back as query text that `parseQuery` reads as the same tree
 * (given the same default field). Every leaf spells out its field; groups get parentheses.
 *
 * @example
 * printQuery(parseQuery('a OR b AND title:"x y"~2^3')); // 'a OR b AND title:"x y"~2^3'
 */
export function printQuery(node: QueryNode, options: PrintQueryOptions = {}): string {
  return print(node, options.defaultField, false);
}

function print(node: QueryNode, defaultField: string | undefined, nested: boolean): string {
  if (node.kind === 'boolean') {
    const body = node.clauses.map((clause) => printClause(clause, defaultField)).join(' ');
    return nested || node.boost !== undefined ? `(${body})${boostSuffix(node.boost)}` : body;
  }
  if (node.kind === 'match_all') return `*:*${boostSuffix(node.boost)}`;
  const field = node.field === defaultField ? '' : `${node.field === '*' ? '*' : escapeTerm(node.field)}:`;
  return `${field}${printLeaf(node)}${boostSuffix(node.boost)}`;
}

function printClause(clause: BooleanClauseNode, defaultField: string | undefined): string {
  const conjunction = clause.conjunction === null ? '' : `${clause.conjunction.toUpperCase()} `;
  const modifier = clause.modifier === 'required' ? '+' : clause.modifier === 'prohibited' ? '-' : '';
  return `${conjunction}${modifier}${print(clause.query, defaultField, true)}`;
}

function printLeaf(node: Exclude<QueryNode, { kind: 'boolean' | 'match_all' }>): string {
  switch (node.kind) {
    case 'term':
      return escapeTerm(node.text);
    case 'phrase':
      return `"${escapePhrase(node.text)}"${node.slop === 0 ? '' : `~${node.slop}`}`;
    case 'prefix':
      return `${escapeTerm(node.prefix)}*`;
    case 'wildcard':
      return node.pattern;
    case 'fuzzy':
      return `${escapeTerm(node.text)}~${node.maxEdits}`;
    case 'regexp':
      return `/${node.pattern}/`;
    case 'range': {
      const open = node.lowerInclusive ? '[' : '{';
      const close = node.upperInclusive ? ']' : '}';
      return `${open}${escapeRangeBound(node.lower)} TO ${escapeRangeBound(node.upper)}${close}`;
    }
  }
}

function boostSuffix(boost: number | undefined): string {
  return boost === undefined ? '' : `^${decimal(boost)}`;
}

/** A non-negative number as `digits[.digits]`, the only form the boost syntax accepts. */
function decimal(value: number): string {
  const plain = String(value);
  if (/^\d+(\.\d+)?$/.test(plain)) return plain;
  if (Number.isInteger(value)) return BigInt(value).toString();
  return value.toFixed(100).replace(/\.?0+$/, '');
}

/**
 * From the `index(field, value, options)` calls of one document to what the index
 * stores for it: per text field the positions of each term, the field's length and
 * boost; numeric values; facet strings; stored values; the text the suggester indexes.
 * Pure, so it could run in a worker thread.
 */
import type { FieldAnalyzer } from '../analysis/index.js';
import type { IndexField } from '../../views/index.js';

/** `index(..., {suggest: true})`: the sandbox may pass it through; absent means false. */
export type IndexCall = IndexField & { readonly suggest?: boolean };

/** Clouseau skips facet values containing its dimension delimiter. */
const FACET_DELIMITER = '\u001f';

export type StoredValue = string | number | Array<string | number>;

export interface TextField {
  /** term → positions, ascending */
  terms: Map<string, number[]>;
  /** tokens in the field (all values together) */
  length: number;
  /** the product of the `boost` options of the field's values */
  boost: number;
  /** false for `*_no_norms`: the field length does not weigh its score */
  norms: boolean;
}

export interface PreparedDoc {
  id: string;
  text: Map<string, TextField>;
  numbers: Map<string, number[]>;
  /** string values by field: facet values when `facet: true` */
  facets: Map<string, string[]>;
  /** per string field, the value it sorts and groups by (its smallest indexed term) */
  sortStrings: Map<string, string>;
  stored: Record<string, StoredValue>;
  /** the values of `suggest: true` fields, joined */
  suggest: string;
}

export function prepareDocument(id: string, fields: readonly IndexCall[], analyzer: FieldAnalyzer): PreparedDoc {
  const doc: PreparedDoc = { id, text: new Map(), numbers: new Map(), facets: new Map(), sortStrings: new Map(), stored: {}, suggest: '' };
  const suggestions: string[] = [];
  for (const call of fields) {
    const { field, value } = call;
    if (call.store) storeValue(doc.stored, field, value);
    if (typeof value === 'number') {
      push(doc.numbers, field, value);
      continue;
    }
    if (call.suggest === true) suggestions.push(value);
    if (call.facet && value !== '' && !value.includes(FACET_DELIMITER)) push(doc.facets, field, value);
    if (call.index === 'no') continue;
    const text = doc.text.get(field) ?? { terms: new Map<string, number[]>(), length: 0, boost: 1, norms: true };
    const base = nextPosition(text);
    const tokens = call.index.startsWith('not_analyzed') ? [{ term: value, position: 0 }] : analyzer.forField(field).analyze(value);
    for (const token of tokens) {
      const positions = text.terms.get(token.term);
      if (positions) positions.push(base + token.position);
      else text.terms.set(token.term, [base + token.position]);
    }
    text.length += tokens.length;
    text.boost *= call.boost;
    text.norms &&= !call.index.endsWith('no_norms');
    doc.text.set(field, text);
  }
  for (const [field, text] of doc.text) {
    let smallest: string | undefined;
    for (const term of text.terms.keys()) if (smallest === undefined || compareCodePoints(term, smallest) < 0) smallest = term;
    if (smallest !== undefined) doc.sortStrings.set(field, smallest);
  }
  doc.suggest = suggestions.join(' ');
  return doc;
}

/** Lucene's multi-valued fields continue positions where the previous value ended (gap 0). */
function nextPosition(text: TextField): number {
  let last = -1;
  for (const positions of text.terms.values()) last = Math.max(last, positions[positions.length - 1]!);
  return last + 1;
}

function storeValue(stored: Record<string, StoredValue>, field: string, value: string | number): void {
  const previous = stored[field];
  if (previous === undefined) stored[field] = value;
  else if (Array.isArray(previous)) previous.push(value);
  else stored[field] = [previous, value];
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Code-point (UTF-8 byte) order, Lucene's term order. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

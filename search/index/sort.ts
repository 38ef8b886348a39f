/**
 * Sort specifications as dreyfus reads them — a string or an array of strings, each
 * `[+-]?name(<string>|<number>)?` (no suffix means number), `<score>`/`-<score>`,
 * `<doc>`/`-<doc>`, `_id<string>` — and the sort keys of a hit: the values that order it and that
 * appear in its `order`. Ties always end with the document id ascending. Documents
 * without a value sort after those with one, in both directions.
 */
import { errors } from '../../views/index.js';
import { compareCodePoints } from './document.js';
import { ID_FIELD, type IndexReader } from './reader.js';

export type SortField =
  | { readonly kind: 'score'; readonly descending: boolean }
  | { readonly kind: 'doc'; readonly descending: boolean }
  | { readonly kind: 'field'; readonly field: string; readonly type: 'number' | 'string'; readonly descending: boolean };

export type SortValue = number | string | null;

/** Relevance: best first. */
export const RELEVANCE: readonly SortField[] = [{ kind: 'score', descending: true }];

export function parseSort(raw: unknown): readonly SortField[] {
  if (typeof raw === 'string') return [parseSortField(raw)];
  if (Array.isArray(raw) && raw.length > 0 && raw.every((item): item is string => typeof item === 'string')) return raw.map(parseSortField);
  throw errors.badRequest(`Unrecognized sort parameter: ${JSON.stringify(raw)}`);
}

function parseSortField(spec: string): SortField {
  const descending = spec.startsWith('-');
  const rest = spec.startsWith('-') || spec.startsWith('+') ? spec.slice(1) : spec;
  if (rest === '<score>') return { kind: 'score', descending };
  if (rest === '<doc>') return { kind: 'doc', descending };
  const typed = /^(.*)<([^<>]*)>$/s.exec(rest);
  const field = typed ? typed[1]! : rest;
  if (field === '' || field.includes('<') || field.includes('>')) throw errors.badRequest(`Unrecognized sort parameter: ${spec}`);
  const type = typed ? typed[2]! : 'number';
  if (type !== 'number' && type !== 'string') throw errors.badRequest(`Unrecognized type: ${type}`);
  return { kind: 'field', field, type, descending };
}

/** A stable name of a sort, recorded in bookmarks. */
export function sortKey(sort: readonly SortField[]): string {
  return sort.map((field) => `${field.descending ? '-' : ''}${field.kind === 'field' ? `${field.field}<${field.type}>` : `<${field.kind}>`}`).join(',');
}

/** Refuses a numeric sort on a field that only has strings (Clouseau's ClassCastException). */
export function checkSortable(sort: readonly SortField[], reader: IndexReader): void {
  for (const field of sort) {
    if (field.kind !== 'field' || field.type !== 'number') continue;
    const stats = reader.fieldStats(field.field);
    if (stats.numberDocs === 0 && (stats.stringDocs > 0 || stats.docs > 0)) throw errors.badRequest('cannot sort string field as numeric field');
  }
}

export function sortValues(sort: readonly SortField[], reader: IndexReader, doc: number, score: number): SortValue[] {
  return sort.map((field) => sortValue(field, reader, doc, score));
}

export function sortValue(field: SortField, reader: IndexReader, doc: number, score: number): SortValue {
  if (field.kind === 'score') return score;
  if (field.kind === 'doc') return doc;
  if (field.field === ID_FIELD && field.type === 'string') return reader.idOf(doc);
  return (field.type === 'number' ? reader.numberOf(field.field, doc) : reader.sortStringOf(field.field, doc)) ?? null;
}

/** Orders two values of one sort field; a missing value comes last either way. */
export function compareValue(field: SortField, x: SortValue, y: SortValue): number {
  if (x === y) return 0;
  if (x === null) return 1;
  if (y === null) return -1;
  const order = typeof x === 'number' && typeof y === 'number' ? x - y : compareCodePoints(String(x), String(y));
  return field.descending ? -order : order;
}

/** Orders two hits' sort values (without the id tie-break). */
export function compareValues(sort: readonly SortField[], a: readonly SortValue[], b: readonly SortValue[]): number {
  for (let i = 0; i < sort.length; i++) {
    const order = compareValue(sort[i]!, a[i] ?? null, b[i] ?? null);
    if (order !== 0) return order;
  }
  return 0;
}

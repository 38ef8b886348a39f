/**
 * Answering a validated query from a view index: map rows streamed from the rows table
 * in either direction, `total_rows`/`offset` from the summary tree's counts, and reduce
 * rows from the summary tree, one O(log n) summary per group, seeking from group to group.
 */
import { SetteeError } from '../errors.js';
import type { MapViewQuery, ReduceViewQuery, RowSelection } from '../query/index.js';
import { toReduceRow, type JsonValue, type ReduceResponseRow } from '../reduce/index.js';
import { intervalOf, keyInterval } from './interval.js';
import type { KeyBounds, StoredRow } from './row-codec.js';
import type { SummaryNode } from './summary-tree.js';
import { aboveLow, belowHigh, compareBytes, type Bytes, type KeyInterval } from './table.js';
import type { ViewIndex } from './view-index.js';

export interface MapRow {
  id: string;
  key: JsonValue;
  value: JsonValue;
}

export interface MapResult {
  total_rows: number;
  offset: number;
  rows: MapRow[];
}

export interface ReduceResult {
  rows: ReduceResponseRow[];
}

export function queryMap(index: ViewIndex, query: MapViewQuery): MapResult {
  const totalRows = index.totalRows();
  const rows: MapRow[] = [];
  let toSkip = query.skip;
  let firstKey: Bytes | undefined;
  const intervals = query.keys
    ? (query.descending ? [...query.keys].reverse() : query.keys).map((key) => keyInterval(key, query, index.codec))
    : [intervalOf(query, index.codec)];
  outer: for (const interval of intervals) {
    for (const { key, value } of scan(index, interval, query.descending)) {
      if (toSkip > 0) {
        toSkip--;
        continue;
      }
      if (rows.length >= query.limit) break outer;
      firstKey ??= key;
      rows.push({ id: value[2], key: value[0], value: value[1] });
    }
  }
  const offset = firstKey ? rowsBefore(index, firstKey, query.descending) : emptyOffset(index, intervals[0], query.descending);
  return { total_rows: totalRows, offset, rows };
}

export function queryReduce(index: ViewIndex, query: ReduceViewQuery): ReduceResult {
  const rows: ReduceResponseRow[] = [];
  const emit = (key: JsonValue, summary: SummaryNode<unknown>) => {
    if (summary.error) throw new SetteeError(summary.error.status, summary.error.error, summary.error.reason);
    rows.push(toReduceRow(key, index.reducer!.finalize(summary.acc)));
  };
  if (query.group.kind === 'all') {
    const summary = index.tree.summarise(intervalOf(query, index.codec));
    if (summary.count > 0 && query.skip === 0 && query.limit > 0) emit(null, summary);
    return { rows };
  }
  if (query.keys) {
    for (const key of query.keys) {
      const summary = index.tree.summarise(keyInterval(key, query, index.codec));
      if (summary.count > 0) emit(key, summary);
    }
    return { rows: rows.slice(query.skip, query.skip + query.limit) };
  }
  let skipped = 0;
  for (const group of groups(index, query)) {
    if (rows.length >= query.limit) break;
    if (skipped < query.skip) {
      skipped++;
      continue;
    }
    emit(group.key, index.tree.summarise(group.interval));
  }
  return { rows };
}

/** The groups of a range, in iteration order, found by seeking past each group's rows. */
function* groups(index: ViewIndex, query: ReduceViewQuery): Generator<{ key: JsonValue; interval: KeyInterval }> {
  let interval = intervalOf(query, index.codec);
  for (;;) {
    const first = firstRow(index, interval, query.descending);
    if (!first) return;
    const { key, bounds } = groupOf(index, first[0], query);
    yield { key, interval: intersect(interval, bounds) };
    interval = query.descending
      ? { ...interval, hi: bounds.low, hiInclusive: false }
      : { ...interval, lo: bounds.high, loInclusive: true };
  }
}

function groupOf(index: ViewIndex, key: JsonValue, query: ReduceViewQuery): { key: JsonValue; bounds: KeyBounds } {
  if (query.group.kind === 'level' && Array.isArray(key) && key.length >= query.group.level) {
    const prefix = key.slice(0, query.group.level);
    return { key: prefix, bounds: index.codec.arrayPrefixBounds(prefix) };
  }
  return { key, bounds: index.codec.keyBounds(key) };
}

function intersect(interval: KeyInterval, bounds: KeyBounds): KeyInterval {
  const result: KeyInterval = { ...interval };
  if (!interval.lo || compareBytes(bounds.low, interval.lo) > 0) {
    result.lo = bounds.low;
    result.loInclusive = true;
  }
  if (!interval.hi || compareBytes(bounds.high, interval.hi) <= 0) {
    result.hi = bounds.high;
    result.hiInclusive = false;
  }
  return result;
}

function firstRow(index: ViewIndex, interval: KeyInterval, descending: boolean): StoredRow | undefined {
  for (const { value } of scan(index, interval, descending)) return value;
  return undefined;
}

/** The stored rows inside `interval`, ascending or descending. */
function* scan(index: ViewIndex, interval: KeyInterval, descending: boolean): Generator<{ key: Bytes; value: StoredRow }> {
  const range = descending
    ? index.tables.rows.range({ reverse: true, ...(interval.hi ? { start: interval.hi } : {}) })
    : index.tables.rows.range(interval.lo ? { start: interval.lo } : {});
  for (const entry of range) {
    if (descending ? !belowHigh(entry.key, interval) : !aboveLow(entry.key, interval)) continue;
    if (descending ? !aboveLow(entry.key, interval) : !belowHigh(entry.key, interval)) return;
    yield entry;
  }
}

/** Rows that precede `rowKey` in iteration order. */
function rowsBefore(index: ViewIndex, rowKey: Bytes, descending: boolean): number {
  const interval: KeyInterval = descending ? { lo: rowKey, loInclusive: false } : { hi: rowKey, hiInclusive: false };
  return index.tree.summarise(interval, { countOnly: true }).count;
}

/** With no row returned, offset counts the rows before the range's start. */
function emptyOffset(index: ViewIndex, interval: KeyInterval | undefined, descending: boolean): number {
  if (!interval) return 0;
  if (descending) return interval.hi ? index.tree.summarise({ lo: interval.hi, loInclusive: !(interval.hiInclusive ?? true) }, { countOnly: true }).count : 0;
  return interval.lo ? index.tree.summarise({ hi: interval.lo, hiInclusive: !(interval.loInclusive ?? true) }, { countOnly: true }).count : 0;
}

export type { RowSelection };

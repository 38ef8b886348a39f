/**
 * Turning a query's key and docid bounds (CouchDB's §3.3 range rules) into an interval of
 * row-key bytes. Intervals are always expressed in ascending byte order; `descending`
 * only changes the direction of iteration.
 */
import type { JsonValue } from '../reduce/index.js';
import type { RowSelection } from '../query/index.js';
import { emissionKey, lastEmissionKey, type RowKeyCodec } from './row-codec.js';
import type { KeyInterval } from './table.js';

type Bound = { key: JsonValue; docId: string | undefined };

export function intervalOf(selection: RowSelection, codec: RowKeyCodec): KeyInterval {
  const start: Bound | undefined = selection.startKey === undefined ? undefined : { key: selection.startKey, docId: selection.startDocId };
  const end: Bound | undefined = selection.endKey === undefined ? undefined : { key: selection.endKey, docId: selection.endDocId };
  return selection.descending
    ? { ...lowFromEnd(end, selection.inclusiveEnd, codec), ...highFromStart(start, codec) }
    : { ...lowFromStart(start, codec), ...highFromEnd(end, selection.inclusiveEnd, codec) };
}

/** The rows of one requested key (`key=` or each of `keys=`), refined by docid bounds. */
export function keyInterval(key: JsonValue, selection: RowSelection, codec: RowKeyCodec): KeyInterval {
  return intervalOf({ ...selection, startKey: key, endKey: key, inclusiveEnd: true }, codec);
}

function lowFromStart(start: Bound | undefined, codec: RowKeyCodec): KeyInterval {
  if (!start) return {};
  if (start.docId === undefined) return { lo: codec.keyBounds(start.key).low, loInclusive: true };
  return { lo: emissionKey(codec.rowKey(start.key, start.docId), 0), loInclusive: true };
}

function highFromEnd(end: Bound | undefined, inclusive: boolean, codec: RowKeyCodec): KeyInterval {
  if (!end) return {};
  if (end.docId === undefined) {
    const bounds = codec.keyBounds(end.key);
    return { hi: inclusive ? bounds.high : bounds.low, hiInclusive: false };
  }
  const rowKey = codec.rowKey(end.key, end.docId);
  return inclusive ? { hi: lastEmissionKey(rowKey), hiInclusive: true } : { hi: emissionKey(rowKey, 0), hiInclusive: false };
}

/** Descending: the start bound is the upper end of the interval. */
function highFromStart(start: Bound | undefined, codec: RowKeyCodec): KeyInterval {
  if (!start) return {};
  if (start.docId === undefined) return { hi: codec.keyBounds(start.key).high, hiInclusive: false };
  return { hi: lastEmissionKey(codec.rowKey(start.key, start.docId)), hiInclusive: true };
}

/** Descending: the end bound is the lower end of the interval. */
function lowFromEnd(end: Bound | undefined, inclusive: boolean, codec: RowKeyCodec): KeyInterval {
  if (!end) return {};
  if (end.docId === undefined) {
    const bounds = codec.keyBounds(end.key);
    return { lo: inclusive ? bounds.low : bounds.high, loInclusive: true };
  }
  const rowKey = codec.rowKey(end.key, end.docId);
  return inclusive ? { lo: emissionKey(rowKey, 0), loInclusive: true } : { lo: lastEmissionKey(rowKey), loInclusive: false };
}

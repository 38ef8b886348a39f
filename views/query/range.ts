/**
 * Refusing key ranges that cannot match a row (`couch_mrview_util:check_range/2`): the
 * start bound after the end bound in iteration order. Bounds are `(key, docid)` pairs,
 * keys ordered by the view's collation, docids by UTF-8 bytes, with the docids
 * defaulted per direction as in §3.3.
 */
import { errors } from '../errors.js';
import { AFTER_ALL_IDS, BEFORE_ALL_IDS, compareDocIdBounds, type DocIdBound } from './docid-order.js';
import { identicalJson, type Collate, type JsonValue } from './json.js';

const ASCENDING_REASON =
  'No rows can match your key range, reverse your start_key and end_key or set descending=true';
const DESCENDING_REASON =
  'No rows can match your key range, reverse your start_key and end_key or set descending=false';

/** The two ends of a range as given; absent docids take their §3.3 defaults. */
export interface RangeBounds {
  startKey?: JsonValue;
  endKey?: JsonValue;
  startDocId?: string;
  endDocId?: string;
  descending: boolean;
}

/**
 * Throws 400 `query_parse_error` when both keys are given, differ, and the start bound
 * sorts after the end bound (ascending) or before it (descending). Identical keys are
 * never refused, whatever their docids; collation-equal keys fall to the docids.
 */
export function checkRange(bounds: RangeBounds, collate: Collate): void {
  const { startKey, endKey, descending } = bounds;
  if (startKey === undefined || endKey === undefined) return;
  if (identicalJson(startKey, endKey)) return;
  const startDocId: DocIdBound = bounds.startDocId ?? (descending ? AFTER_ALL_IDS : BEFORE_ALL_IDS);
  const endDocId: DocIdBound = bounds.endDocId ?? (descending ? BEFORE_ALL_IDS : AFTER_ALL_IDS);
  const keyOrder = collate(startKey, endKey);
  const startIsLower = keyOrder !== 0 ? keyOrder < 0 : compareDocIdBounds(startDocId, endDocId) < 0;
  if (!descending && !startIsLower) throw errors.queryParse(ASCENDING_REASON);
  if (descending && startIsLower) throw errors.queryParse(DESCENDING_REASON);
}

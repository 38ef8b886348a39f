/**
 * Validating the arguments of a view query against the view (§3.4, then the range check
 * of §3.3) and resolving them into a `ResolvedViewQuery`.
 */
import type { ViewQueryArgs } from './args.js';
import { checkArgs, type CheckedArgs } from './checks.js';
import type { Collate } from './json.js';
import { checkRange } from './range.js';
import type { Freshness, ResolvedViewQuery, RowSelection } from './resolved.js';

/** What validation needs to know about the queried view. */
export interface ViewInfo {
  /** Does the view have a reduce function? */
  hasReduce: boolean;
  /** The view's key collation (ICU by default, or raw): used to refuse impossible ranges. */
  collate: Collate;
  /** `[query_server_config] query_limit`, if configured: the default and maximum `limit`. */
  maxLimit?: number;
}

const PARTITION_REASON = '`partition` parameter is not supported in this design doc';

/**
 * Checks a parsed query against the view, with CouchDB's messages and in its order, and
 * resolves it. Throws `SetteeError` 400 `query_parse_error`.
 *
 * @example
 * const view = { hasReduce: true, collate };
 * validateViewQuery(parseViewQuery(new URLSearchParams('group_level=1')), view).kind
 * // 'reduce', with group { kind: 'level', level: 1 }
 * validateViewQuery(parseViewQuery(new URLSearchParams('startkey=2&endkey=1')), view)
 * // throws: No rows can match your key range, ...
 */
export function validateViewQuery(args: ViewQueryArgs, view: ViewInfo): ResolvedViewQuery {
  const checked = checkArgs(args, {
    hasReduce: view.hasReduce,
    maxLimit: view.maxLimit,
    partitionError: PARTITION_REASON,
  });
  checkRange(
    {
      startKey: args.startKey,
      endKey: args.endKey,
      startDocId: checked.startKeyDocId,
      endDocId: checked.endKeyDocId,
      descending: args.descending,
    },
    view.collate,
  );
  const selection = rowSelection(args, checked);
  const freshness = freshnessOf(args);
  if (checked.kind === 'reduce') return { kind: 'reduce', group: checked.group, ...selection, ...freshness };
  return {
    kind: 'map',
    ...selection,
    ...freshness,
    includeDocs: args.includeDocs,
    conflicts: args.conflicts ?? false,
    attachments: args.attachments,
    attEncodingInfo: args.attEncodingInfo,
  };
}

/** Keys or a range, with docid bounds kept only next to a key they can refine. */
function rowSelection(args: ViewQueryArgs, checked: CheckedArgs): RowSelection {
  const { keys, startKeyDocId, endKeyDocId } = checked;
  const selection: RowSelection = {
    inclusiveEnd: args.inclusiveEnd,
    descending: args.descending,
    skip: args.skip,
    limit: checked.limit,
  };
  if (keys !== undefined) {
    selection.keys = [...keys];
  } else {
    if (args.startKey !== undefined) selection.startKey = args.startKey;
    if (args.endKey !== undefined) selection.endKey = args.endKey;
  }
  if (startKeyDocId !== undefined && (keys !== undefined || args.startKey !== undefined)) {
    selection.startDocId = startKeyDocId;
  }
  if (endKeyDocId !== undefined && (keys !== undefined || args.endKey !== undefined)) {
    selection.endDocId = endKeyDocId;
  }
  return selection;
}

export function freshnessOf(args: ViewQueryArgs): Freshness {
  return { update: args.update, stable: args.stable, updateSeq: args.updateSeq, sorted: args.sorted };
}

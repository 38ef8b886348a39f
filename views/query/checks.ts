/**
 * The checks of `couch_mrview_util:validate_args/1` (§3.4), in CouchDB's order, so a
 * query with several faults gets the same first complaint. Every failure is 400
 * `query_parse_error`. Checks that the parser already guarantees (types of booleans,
 * `limit >= 0`) still run, for arguments built in code.
 */
import { errors } from '../errors.js';
import { UPDATE_MODES, type ViewQueryArgs } from './args.js';
import type { JsonValue } from './json.js';
import { UNLIMITED, type Grouping } from './resolved.js';

/** What a query runs against, as far as validation cares. */
export interface QueryTarget {
  /** Does the view have a reduce function? (`false` for `_all_docs`.) */
  hasReduce: boolean;
  /** `[query_server_config] query_limit`: the default and the maximum `limit`. */
  maxLimit?: number;
  /** The refusal of a `partition` parameter, which differs between views and `_all_docs`. */
  partitionError: string;
}

/** The facts validation established, for the resolvers to build on. */
export interface CheckedArgs {
  kind: 'map' | 'reduce';
  group: Grouping;
  keys?: JsonValue[];
  startKeyDocId?: string;
  endKeyDocId?: string;
  limit: number;
}

/** `group` + `group_level` → exact or a level (`couch_mrview_util:determine_group_level`). */
type GroupLevel = 'exact' | number;

export function checkArgs(args: ViewQueryArgs, target: QueryTarget): CheckedArgs {
  const groupLevel = determineGroupLevel(args);
  const { reduce, keys } = args;
  if (reduce !== undefined && typeof reduce !== 'boolean') fail('Invalid `reduce` value.');
  if (!target.hasReduce && reduce === true) fail('Reduce is invalid for map-only views.');
  const kind = target.hasReduce && reduce !== false ? 'reduce' : 'map';
  if (kind === 'reduce' && groupLevel !== 'exact' && Array.isArray(keys)) {
    fail('Multi-key fetches for reduce views must use `group=true`');
  }
  if (keys !== undefined && !Array.isArray(keys)) fail('`keys` must be an array of strings.');
  if (Array.isArray(keys) && keys.length > 0 && (args.startKey !== undefined || args.endKey !== undefined)) {
    fail('`keys` is incompatible with `key`, `start_key` and `end_key`');
  }
  const startKeyDocId = docId(args.startKeyDocId, '`start_key_docid` must be a string.');
  const endKeyDocId = docId(args.endKeyDocId, '`end_key_docid` must be a string.');
  if (typeof args.descending !== 'boolean') fail('Invalid direction.');
  if (args.limit !== undefined && !isLimit(args.limit)) fail('`limit` must be a positive integer.');
  if (!isCount(args.skip)) fail('`skip` must be >= 0');
  const group = checkGrouping(kind, groupLevel);
  checkFlags(args);
  if (kind === 'reduce' && args.includeDocs === true) fail('`include_docs` is invalid for reduce');
  if (typeof args.includeDocs !== 'boolean') fail('Invalid value for `include_docs`');
  if (args.conflicts !== undefined) {
    if (kind === 'reduce') fail('`conflicts` is invalid for reduce views.');
    if (typeof args.conflicts !== 'boolean') fail('Invalid value for `conflicts`.');
  }
  if (args.partition !== undefined) fail(target.partitionError);
  const limit = checkLimit(args.limit, target.maxLimit);
  return { kind, group, keys, startKeyDocId, endKeyDocId, limit };
}

function determineGroupLevel({ group, groupLevel }: ViewQueryArgs): GroupLevel {
  if (group === false && groupLevel !== undefined && groupLevel > 0) {
    fail("Can't specify group=false and group_level>0 at the same time");
  }
  if (groupLevel !== undefined) return groupLevel;
  return group === true ? 'exact' : 0;
}

/** Grouping is for reduce queries; level 0 means no grouping, and is fine anywhere. */
function checkGrouping(kind: 'map' | 'reduce', level: GroupLevel): Grouping {
  if (level === 0) return { kind: 'all' };
  if (kind === 'map') fail('Invalid use of grouping on a map view.');
  if (level === 'exact') return { kind: 'exact' };
  if (!isCount(level)) fail('`group_level` must be >= 0');
  return { kind: 'level', level };
}

/** `stable`, `update`, `inclusive_end`, `sorted`: the type checks of §3.4 item 12. */
function checkFlags(args: ViewQueryArgs): void {
  if (typeof args.stable !== 'boolean') fail('Invalid value for `stable`.');
  if (!(UPDATE_MODES as readonly string[]).includes(args.update)) fail('Invalid value for `update`.');
  if (typeof args.inclusiveEnd !== 'boolean') fail('Invalid value for `inclusive_end`.');
  if (typeof args.sorted !== 'boolean') fail('Invalid value for `sorted`.');
}

function checkLimit(limit: number | undefined, maxLimit: number | undefined): number {
  const max = maxLimit ?? UNLIMITED;
  const effective = limit ?? max;
  if (effective > max) fail(`Limit is too large, must not exceed ${max}`);
  return effective;
}

function docId(value: JsonValue | undefined, reason: string): string | undefined {
  if (value !== undefined && typeof value !== 'string') fail(reason);
  return value;
}

/** A non-negative integer, or `UNLIMITED`. */
function isLimit(value: unknown): value is number {
  return value === UNLIMITED || isCount(value);
}

/** A non-negative integer. */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function fail(reason: string): never {
  throw errors.queryParse(reason);
}

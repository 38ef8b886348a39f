/**
 * `_all_docs` (§4.4): the same parameters and checks as a map-only view, over doc ids.
 * Differences from a view: a single-element `keys` stays a multi-key fetch, no range is
 * refused (`key="a"&startkey="b"` is simply empty), and keys are doc ids compared by
 * UTF-8 bytes, so only string keys bound the range.
 */
import { errors } from '../errors.js';
import { defaultArgs, type ViewQueryArgs } from './args.js';
import { checkArgs } from './checks.js';
import { decodeJsonParam } from './json.js';
import { parseQueries } from './multi.js';
import { applyBody, applyQueryString, type QueryParams } from './params.js';
import { requireBodyObject } from './parse.js';
import type { AllDocsQuery } from './resolved.js';
import { freshnessOf } from './validate.js';

/** Limits that the configuration may put on `_all_docs` queries. */
export interface AllDocsOptions {
  /** `[query_server_config] query_limit`: the default and maximum `limit`. */
  maxLimit?: number;
}

const PARTITION_REASON = '`partition` parameter is not supported on this db';

/**
 * Parses and validates `GET|POST /{db}/_all_docs`.
 *
 * @example
 * parseAllDocsQuery(new URLSearchParams('startkey="_design/"&endkey="_design0"'))
 * // { kind: 'all_docs', startId: '_design/', endId: '_design0', ... }
 */
export function parseAllDocsQuery(
  params: QueryParams,
  body?: unknown,
  options: AllDocsOptions = {},
): AllDocsQuery {
  const pairs = [...params];
  const args = defaultArgs();
  if (body === undefined) {
    requireFirstKeysArray(pairs);
  } else {
    const members = requireBodyObject(body);
    if (members.keys !== undefined && !Array.isArray(members.keys)) {
      throw errors.badRequest('`keys` body member must be an array.');
    }
    applyBody(args, members);
  }
  applyQueryString(args, pairs);
  return validateAllDocsQuery(args, options);
}

/** Parses and validates `POST /{db}/_all_docs/queries`, one query per member of `queries`. */
export function parseAllDocsMultiQuery(
  body: unknown,
  params: QueryParams,
  options: AllDocsOptions = {},
): AllDocsQuery[] {
  return parseQueries(body, params).map((args) => validateAllDocsQuery(args, options));
}

/** Validates parsed arguments as an `_all_docs` query and resolves them. */
export function validateAllDocsQuery(args: ViewQueryArgs, options: AllDocsOptions = {}): AllDocsQuery {
  const checked = checkArgs(args, {
    hasReduce: false,
    maxLimit: options.maxLimit,
    partitionError: PARTITION_REASON,
  });
  const query: AllDocsQuery = {
    kind: 'all_docs',
    inclusiveEnd: args.inclusiveEnd,
    descending: args.descending,
    skip: args.skip,
    limit: checked.limit,
    ...freshnessOf(args),
    includeDocs: args.includeDocs,
    conflicts: args.conflicts ?? false,
    attachments: args.attachments,
    attEncodingInfo: args.attEncodingInfo,
  };
  if (checked.keys !== undefined) {
    query.keys = [...checked.keys];
    return query;
  }
  // A string key bounds the range; otherwise the docid parameter, if any, does.
  const startId = typeof args.startKey === 'string' ? args.startKey : checked.startKeyDocId;
  const endId = typeof args.endKey === 'string' ? args.endKey : checked.endKeyDocId;
  if (startId !== undefined) query.startId = startId;
  if (endId !== undefined) query.endId = endId;
  return query;
}

/**
 * A GET `_all_docs` checks its first `keys` parameter before anything else
 * (`chttpd_db`, `qs_json_value`), with a `bad_request` of its own.
 */
function requireFirstKeysArray(params: QueryParams): void {
  for (const [name, text] of params) {
    if (name !== 'keys') continue;
    if (!Array.isArray(decodeJsonParam(text))) throw errors.badRequest('`keys` parameter must be an array.');
    return;
  }
}

/**
 * Turning a view request into `ViewQueryArgs`: the JSON body of a POST first, then the
 * query string, so the query string wins (`?limit=1` with body `{"limit": 2}` → 1). The
 * POST body checks are those of `chttpd_view` / `couch_mrview_util:get_view_keys`.
 */
import { errors } from '../errors.js';
import { defaultArgs, type ViewQueryArgs } from './args.js';
import { isJsonObject, type JsonObject } from './json.js';
import { applyBody, applyQueryString, type QueryParams } from './params.js';

/**
 * Parses the parameters of `GET|POST /{db}/_design/{ddoc}/_view/{view}`.
 *
 * @param params the query string, in order (`URLSearchParams` or `[name, value]` pairs)
 * @param body the decoded JSON body of a POST; leave out for GET
 * @example
 * parseViewQuery(new URLSearchParams('startkey="a"&limit=10'))
 * // { startKey: 'a', limit: 10, descending: false, skip: 0, ... }
 */
export function parseViewQuery(params: QueryParams, body?: unknown): ViewQueryArgs {
  const args = defaultArgs();
  if (body !== undefined) {
    const members = requireBodyObject(body);
    if (queriesMember(members) !== undefined) {
      throw errors.badRequest('The `queries` parameter is no longer supported at this endpoint');
    }
    if (members.keys !== undefined && !Array.isArray(members.keys)) {
      throw errors.badRequest('`keys` member must be an array.');
    }
    applyBody(args, members);
  }
  applyQueryString(args, params);
  return singleKeyAsKey(args);
}

/** A POST body must be a JSON object. */
export function requireBodyObject(body: unknown): JsonObject {
  if (!isJsonObject(body)) throw errors.badRequest('Request body must be a JSON object');
  return body;
}

/** The `queries` member of a body, which must be an array when present. */
export function queriesMember(body: JsonObject): unknown[] | undefined {
  const { queries } = body;
  if (queries === undefined) return undefined;
  if (!Array.isArray(queries)) throw errors.badRequest('`queries` member must be an array.');
  return queries;
}

/**
 * A single-element `keys` is a `key` (CouchDB ≥ 3.3.1): it fills whichever of the start
 * and end keys was not given, so `keys=["a"]&startkey="b"` is the impossible range b..a,
 * exactly as `key="a"&startkey="b"`, and a reduce view answers it without `group=true`.
 * Views only: `_all_docs` keeps `keys` as a multi-key fetch (rows for missing ids).
 */
export function singleKeyAsKey(args: ViewQueryArgs): ViewQueryArgs {
  if (!Array.isArray(args.keys) || args.keys.length !== 1) return args;
  const [key] = args.keys;
  const converted: ViewQueryArgs = { ...args };
  delete converted.keys;
  if (converted.startKey === undefined) converted.startKey = key;
  if (converted.endKey === undefined) converted.endKey = key;
  return converted;
}

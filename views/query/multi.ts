/**
 * `POST .../_view/{view}/queries` and `POST /{db}/_all_docs/queries`: one body holding
 * `{"queries": [{...}, {...}]}`. The query string supplies defaults for every query,
 * except `keys`, `group` and `group_level`, which each query starts without.
 */
import { errors } from '../errors.js';
import { defaultArgs, type ViewQueryArgs } from './args.js';
import { isJsonObject } from './json.js';
import { applyBody, applyQueryString, type QueryParams } from './params.js';
import { queriesMember, requireBodyObject, singleKeyAsKey } from './parse.js';

/**
 * Parses the body and query string of `POST .../_view/{view}/queries` into one
 * `ViewQueryArgs` per query, in order. Validate every one before answering any.
 *
 * @example
 * parseMultiQuery({ queries: [{ keys: ['a', 'b'] }, { limit: 1 }] }, new URLSearchParams('skip=1'))
 * // [{ keys: ['a', 'b'], skip: 1, ... }, { limit: 1, skip: 1, ... }]
 */
export function parseMultiQuery(body: unknown, params: QueryParams): ViewQueryArgs[] {
  return parseQueries(body, params).map(singleKeyAsKey);
}

/** The same for `_all_docs/queries`, where a single-element `keys` stays a multi-key fetch. */
export function parseQueries(body: unknown, params: QueryParams): ViewQueryArgs[] {
  const queries = queriesMember(requireBodyObject(body));
  if (queries === undefined) throw errors.badRequest('POST body must include `queries` parameter.');
  const shared = defaultArgs();
  applyQueryString(shared, params);
  return queries.map((query) => {
    // CouchDB crashes (500) on a non-object entry; a 400 naming the problem is kinder.
    if (!isJsonObject(query)) throw errors.badRequest('Each member of `queries` must be a JSON object.');
    const args: ViewQueryArgs = { ...shared };
    delete args.keys;
    delete args.group;
    delete args.groupLevel;
    applyBody(args, query);
    return args;
  });
}

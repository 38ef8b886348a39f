/**
 * Search parameters as they arrive: a query string (GET) or a JSON body (POST), turned
 * into one shape of decoded values. In a query string most values are JSON (strings
 * need quotes: `sort="foo<string>"`); `q`, `bookmark`, `group_field`, `stale` and
 * `update` are raw text and the integers plain digits; `drilldown` may repeat. Unknown
 * parameters are ignored, as dreyfus ignores them.
 */
import { errors } from '../../views/index.js';

/** Decoded parameters; `drilldown` holds each occurrence. */
export interface RawSearchParams {
  readonly [name: string]: unknown;
  readonly drilldown?: readonly unknown[];
}

const RAW_TEXT = ['q', 'query', 'bookmark', 'group_field', 'stale', 'update', 'limit', 'group_limit', 'highlight_number', 'highlight_size', 'include_docs'] as const;
const JSON_VALUED = ['sort', 'include_fields', 'counts', 'ranges', 'group_sort', 'highlight_fields', 'highlight_pre_tag', 'highlight_post_tag'] as const;

/** From `URLSearchParams`-like pairs; for repeated parameters other than `drilldown` the last wins. */
export function paramsFromQueryString(pairs: Iterable<[string, string]>): RawSearchParams {
  const params: Record<string, unknown> = {};
  const drilldown: unknown[] = [];
  for (const [name, value] of pairs) {
    if (name === 'drilldown') drilldown.push(decodeJson(value));
    else if ((RAW_TEXT as readonly string[]).includes(name)) params[name] = value;
    else if ((JSON_VALUED as readonly string[]).includes(name)) params[name] = decodeJson(value);
  }
  if (drilldown.length > 0) params.drilldown = drilldown;
  return params;
}

/** From a POST body (already JSON-decoded: a duplicate key kept its last value). */
export function paramsFromBody(body: unknown): RawSearchParams {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw errors.badRequest('Request body must be a JSON object');
  const { drilldown, ...rest } = body as Record<string, unknown>;
  return drilldown === undefined ? rest : { ...rest, drilldown: [drilldown] };
}

function decodeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw errors.badRequest('invalid UTF-8 JSON');
  }
}

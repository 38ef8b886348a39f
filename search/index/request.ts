/**
 * Validates decoded search parameters into a `SearchRequest`, with dreyfus's 400s and
 * their wording (a missing query is a `query_parse_error`, everything else a
 * `bad_request`).
 */
import { errors } from '../../views/index.js';
import { parseJavaDouble } from '../query/index.js';
import type { RangeFacets, NumericRange } from './facets.js';
import { DEFAULT_FRAGMENT_SIZE, type HighlightOptions } from './highlight.js';
import type { RawSearchParams } from './params.js';
import { parseSort, type SortField } from './sort.js';

export const DEFAULT_LIMIT = 25;
export const MAX_LIMIT = 200;
export const DEFAULT_GROUP_LIMIT = 10;
export const MAX_GROUP_LIMIT = 200;

export type UpdateMode = 'true' | 'false' | 'lazy';

export interface GroupOptions {
  readonly field: string;
  readonly limit: number;
  readonly sort: readonly SortField[] | undefined;
}

export interface SearchRequest {
  readonly query: string;
  readonly limit: number;
  readonly bookmark: string | undefined;
  /** undefined: relevance */
  readonly sort: readonly SortField[] | undefined;
  readonly includeDocs: boolean;
  readonly includeFields: readonly string[] | undefined;
  readonly counts: readonly string[] | undefined;
  readonly ranges: RangeFacets | undefined;
  /** each `[dimension, value, ...]` */
  readonly drilldown: ReadonlyArray<readonly string[]>;
  readonly highlight: HighlightOptions | undefined;
  readonly group: GroupOptions | undefined;
  readonly update: UpdateMode;
}

export function validateSearchRequest(raw: RawSearchParams): SearchRequest {
  const query = raw.q ?? raw.query;
  if (typeof query !== 'string') throw errors.queryParse("Query must include a 'q' or 'query' argument");
  const limit = integer(raw.limit, 'limit') ?? DEFAULT_LIMIT;
  if (limit > MAX_LIMIT) throw errors.badRequest(`Value for limit is too large, must not exceed ${MAX_LIMIT}`);
  if (limit < 0) throw errors.badRequest('limit must be greater than or equal to zero');
  if (raw.bookmark !== undefined && typeof raw.bookmark !== 'string') throw errors.badRequest('Invalid bookmark parameter supplied');
  return {
    query,
    limit,
    bookmark: raw.bookmark,
    sort: raw.sort === undefined ? undefined : parseSort(raw.sort),
    includeDocs: includeDocs(raw.include_docs),
    includeFields: stringList(raw.include_fields, 'include_fields'),
    counts: stringList(raw.counts, 'counts'),
    ranges: raw.ranges === undefined ? undefined : parseRanges(raw.ranges),
    drilldown: (raw.drilldown ?? []).flatMap(parseDrilldown),
    highlight: highlight(raw),
    group: group(raw),
    update: raw.stale === undefined ? updateMode(raw.update) : stale(raw.stale),
  };
}

function integer(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number)) throw errors.badRequest(`Invalid value for ${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return number;
}

function includeDocs(value: unknown): boolean {
  if (value === undefined || typeof value === 'boolean') return value === true;
  if (value === 'true' || value === 'false') return value === 'true';
  if (typeof value === 'string') throw errors.badRequest(`Invalid value for include_docs: ${JSON.stringify(value)}`);
  return false;
}

function stringList(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) throw errors.badRequest(`${JSON.stringify(value)} is not a valid ${name} query`);
  return value;
}

function parseDrilldown(value: unknown): string[][] {
  const isDimension = (item: unknown): item is string[] => Array.isArray(item) && item.length >= 2 && item.every((part) => typeof part === 'string');
  if (isDimension(value)) return [value];
  if (Array.isArray(value) && value.length > 0 && value.every(isDimension)) return value;
  throw errors.badRequest('invalid drilldown query');
}

function parseRanges(value: unknown): RangeFacets {
  const isObject = (item: unknown): item is Record<string, unknown> => typeof item === 'object' && item !== null && !Array.isArray(item);
  if (!isObject(value) || !Object.values(value).every(isObject)) throw errors.badRequest(`${JSON.stringify(value)} is not a valid ranges query`);
  const ranges = new Map<string, Map<string, NumericRange>>();
  for (const [field, labels] of Object.entries(value)) {
    ranges.set(field, new Map(Object.entries(labels as Record<string, unknown>).map(([label, spec]) => [label, parseRange(spec)])));
  }
  return ranges;
}

const RANGE = /^\s*([[{])\s*(\S+)\s+TO\s+(\S+)\s*([\]}])\s*$/;

/** `"[0 TO 100]"`, `"{100 TO Infinity}"`, `*` for an open end. */
export function parseRange(spec: unknown): NumericRange {
  const match = typeof spec === 'string' ? RANGE.exec(spec) : null;
  const bound = (text: string, open: number) => (text === '*' ? open : parseJavaDouble(text.replace(/^"(.*)"$/, '$1')));
  const min = match ? bound(match[2]!, -Infinity) : undefined;
  const max = match ? bound(match[3]!, Infinity) : undefined;
  if (!match || min === undefined || max === undefined) throw errors.badRequest(`${typeof spec === 'string' ? spec : JSON.stringify(spec)} was not a well-formed range specification`);
  return { min, max, minInclusive: match[1] === '[', maxInclusive: match[4] === ']' };
}

function highlight(raw: RawSearchParams): HighlightOptions | undefined {
  const number = integer(raw.highlight_number, 'highlight_number') ?? 1;
  if (number <= 0) throw errors.badRequest('highlight_number must be greater than zero');
  const size = integer(raw.highlight_size, 'highlight_size');
  if (size !== undefined && size <= 0) throw errors.badRequest('highlight_size must be greater than zero');
  const fields = stringList(raw.highlight_fields, 'highlight_fields');
  if (fields === undefined) return undefined;
  const tag = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
  return { fields, preTag: tag(raw.highlight_pre_tag, '<em>'), postTag: tag(raw.highlight_post_tag, '</em>'), number, size: size ?? DEFAULT_FRAGMENT_SIZE };
}

function group(raw: RawSearchParams): GroupOptions | undefined {
  const limit = integer(raw.group_limit, 'group_limit') ?? DEFAULT_GROUP_LIMIT;
  if (limit > MAX_GROUP_LIMIT) throw errors.badRequest(`Value for group_limit is too large, must not exceed ${MAX_GROUP_LIMIT}`);
  if (limit <= 0) throw errors.badRequest('group_limit must be greater than zero');
  const sort = raw.group_sort === undefined ? undefined : parseSort(raw.group_sort);
  if (raw.group_field === undefined) return undefined;
  if (typeof raw.group_field !== 'string') throw errors.badRequest(`${JSON.stringify(raw.group_field)} is not a valid group_field`);
  if (raw.group_field.endsWith('<number>')) throw errors.badRequest('Group by number not supported. Group by string terms only.');
  return { field: raw.group_field.replace(/<string>$/, ''), limit, sort };
}

function stale(value: unknown): UpdateMode {
  if (value !== 'ok') throw errors.badRequest('stale only available as stale=ok');
  return 'false';
}

function updateMode(value: unknown): UpdateMode {
  if (value === false || value === 'false') return 'false';
  if (value === 'lazy') return 'lazy';
  return 'true';
}

/**
 * Answers one search request over an index, in Cloudant's response shapes:
 * `{total_rows, bookmark, rows: [{id, order, fields, highlights?}], counts?, ranges?}`,
 * or `{total_rows, groups: [{by, total_rows, rows}]}` when grouping. Documents
 * (`include_docs`) are added by the engine, which owns the database.
 */
import type { FieldAnalyzer } from '../analysis/index.js';
import { decodeBookmark, encodeBookmark } from './bookmark.js';
import type { StoredValue } from './document.js';
import { execute, type Execution } from './execute.js';
import { countFacets, countRanges, drillDown } from './facets.js';
import { compileQuery } from './from-query.js';
import { groupHits } from './group.js';
import { highlightField } from './highlight.js';
import type { IndexReader } from './reader.js';
import type { SearchRequest } from './request.js';
import { checkSortable, RELEVANCE, sortKey, type SortValue } from './sort.js';
import { topHits, type RankedHit } from './top.js';

export interface SearchRow {
  id: string;
  order: Array<SortValue>;
  fields: Record<string, StoredValue>;
  highlights?: Record<string, string[]>;
  doc?: unknown;
}

export interface SearchResult {
  total_rows: number;
  bookmark: string;
  rows: SearchRow[];
  counts?: Record<string, Record<string, number>>;
  ranges?: Record<string, Record<string, number>>;
}

export interface GroupedSearchResult {
  total_rows: number;
  groups: Array<{ by: string | null; total_rows: number; rows: SearchRow[] }>;
}

export function search(reader: IndexReader, analyzer: FieldAnalyzer, request: SearchRequest): SearchResult | GroupedSearchResult {
  const plan = compileQuery(request.query, analyzer);
  const sort = request.sort ?? RELEVANCE;
  checkSortable(sort, reader);
  const execution: Execution = { reader, matched: new Map() };
  const hits = drillDown(reader, execute(plan, execution), request.drilldown);
  const toRow = (hit: RankedHit) => row(reader, analyzer, execution, request, hit);
  if (request.group) {
    const groups = groupHits(reader, hits, { group: request.group, sort, limit: request.limit });
    return { total_rows: hits.docs.length, groups: groups.map((group) => ({ by: group.by, total_rows: group.totalRows, rows: group.hits.map(toRow) })) };
  }
  const key = sortKey(sort);
  const after = request.bookmark === undefined ? undefined : decodeBookmark(request.bookmark, key);
  const page = topHits(reader, hits, { sort, limit: request.limit, after });
  const last = page[page.length - 1];
  const bookmark = last ? encodeBookmark(key, last) : (request.bookmark ?? encodeBookmark(key, undefined));
  const result: SearchResult = { total_rows: hits.docs.length, bookmark, rows: page.map(toRow) };
  if (request.counts) result.counts = countFacets(reader, hits, request.counts);
  if (request.ranges) result.ranges = countRanges(reader, hits, request.ranges);
  return result;
}

function row(reader: IndexReader, analyzer: FieldAnalyzer, execution: Execution, request: SearchRequest, hit: RankedHit): SearchRow {
  const stored = reader.record(hit.doc)?.stored ?? {};
  const names = request.includeFields ?? Object.keys(stored);
  const fields: Record<string, StoredValue> = {};
  for (const name of names) if (stored[name] !== undefined) fields[name] = stored[name];
  const result: SearchRow = { id: hit.id, order: [...hit.values, hit.doc], fields };
  if (request.highlight) {
    const highlights: Record<string, string[]> = {};
    for (const field of request.highlight.fields) {
      const matchers = execution.matched.get(field);
      const matches = matchers && ((term: string) => matchers.some((matcher) => matcher(term)));
      highlights[field] = highlightField(stored[field], analyzer.forField(field), matches, request.highlight);
    }
    result.highlights = highlights;
  }
  return result;
}

/**
 * Bookmarks: where the previous page ended — its sort values and document id, with the
 * sort they belong to — as opaque base64url JSON. The next page starts strictly after
 * that position ("search after"), so pages never overlap however the index changes
 * between them; past the last page the same bookmark comes back with no rows.
 */
import { errors } from '../../views/index.js';
import type { SortValue } from './sort.js';

export interface BookmarkPosition {
  values: SortValue[];
  id: string;
}

interface BookmarkBody {
  /** the sort's key (sort.ts `sortKey`) */
  s: string;
  /** the last row's position, absent before the first row */
  p?: [SortValue[], string];
}

export function encodeBookmark(sort: string, position: BookmarkPosition | undefined): string {
  const body: BookmarkBody = position ? { s: sort, p: [position.values, position.id] } : { s: sort };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The position after which the page starts; 400 for garbage or another sort's bookmark. */
export function decodeBookmark(bookmark: string, sort: string): BookmarkPosition | undefined {
  const body = parse(bookmark);
  if (body.s !== sort) throw errors.badRequest('sort order not compatible with given bookmark');
  return body.p ? { values: body.p[0], id: body.p[1] } : undefined;
}

function parse(bookmark: string): BookmarkBody {
  const invalid = () => errors.badRequest('Invalid bookmark parameter supplied');
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(bookmark)) throw invalid();
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(bookmark, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof body !== 'object' || body === null || typeof (body as BookmarkBody).s !== 'string') throw invalid();
  const { p } = body as BookmarkBody;
  const validValue = (value: unknown) => value === null || typeof value === 'string' || typeof value === 'number';
  if (p !== undefined && !(Array.isArray(p) && p.length === 2 && Array.isArray(p[0]) && p[0].every(validValue) && typeof p[1] === 'string')) throw invalid();
  return body as BookmarkBody;
}

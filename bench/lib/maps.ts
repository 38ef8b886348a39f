/**
 * The map functions the scenarios build, as source text given to every system alike
 * (Settee, PouchDB, the raw LMDB pipeline).
 */

export const MAPS = {
  /** One row per document, a string key: the cheapest useful view. */
  cheap: 'function(doc){ emit(doc.type, 1) }',
  /** The reference map of measured-limits.md: posts only, ≈0.31 rows per document. */
  reference: "function(doc){ if(doc.type==='post'){ for (const t of doc.tags) emit([t, doc.ts], doc.price) } }",
  /** The reference map on every document: ≈2.5 array-key rows per document, to load the writer. */
  everydoc: 'function(doc){ for (const t of doc.tags) emit([t, doc.ts], doc.price) }',
  /** Hour buckets: ≈8.8k distinct first-level keys over a year, for the "10,000 groups" query. */
  hour: 'function(doc){ emit([doc.ts.slice(0, 13), doc.type], doc.price) }',
} as const;

export type MapName = keyof typeof MAPS;

/**
 * The same map with a marker comment inside its body, so that otherwise identical views
 * get distinct signatures (and so their own, fresh index) in Settee.
 */
export function tagged(source: string, tag: string): string {
  const brace = source.indexOf('{');
  return `${source.slice(0, brace + 1)} /* ${tag} */${source.slice(brace + 1)}`;
}

/** The reduce each view carries when a scenario queries it. */
export const REDUCES: Record<MapName, string> = { cheap: '_count', reference: '_sum', everydoc: '_sum', hour: '_sum' };

/**
 * PouchDB's one design document for every scenario: PouchDB stores no reductions, so a
 * reduce does not change its build, and the query scenario reuses the indexes the build
 * scenario paid for.
 */
export const POUCH_DDOC = 'bench';
export const POUCH_VIEWS: Record<MapName, { map: string; reduce: string }> = Object.fromEntries(
  (Object.keys(MAPS) as MapName[]).map((name) => [name, { map: MAPS[name], reduce: REDUCES[name] }]),
) as Record<MapName, { map: string; reduce: string }>;

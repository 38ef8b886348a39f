/**
 * Grouping (dreyfus's `group_field`): matches are grouped by the sort string of a
 * string field (documents without one form the group `null`); groups are ordered by
 * their best document under `group_sort` and the first `group_limit` kept; each group
 * lists its first `limit` documents under `sort`.
 */
import type { Hits } from './hits.js';
import type { IndexReader } from './reader.js';
import type { GroupOptions } from './request.js';
import { RELEVANCE, type SortField } from './sort.js';
import { rankComparator, rankHit, topHits, type RankedHit } from './top.js';

export interface HitGroup {
  by: string | null;
  totalRows: number;
  hits: RankedHit[];
}

export function groupHits(reader: IndexReader, hits: Hits, options: { group: GroupOptions; sort: readonly SortField[]; limit: number }): HitGroup[] {
  const members = new Map<string | null, number[]>();
  for (let i = 0; i < hits.docs.length; i++) {
    const by = reader.sortStringOf(options.group.field, hits.docs[i]!) ?? null;
    const list = members.get(by);
    if (list) list.push(i);
    else members.set(by, [i]);
  }
  const groupSort = options.group.sort ?? RELEVANCE;
  const compare = rankComparator(groupSort);
  const groups = [...members].map(([by, indexes]) => {
    const subset = subsetOf(hits, indexes);
    const [best] = topHits(reader, subset, { sort: groupSort, limit: 1 });
    return { by, subset, best: best ?? rankHit(reader, groupSort, subset.docs[0]!, subset.scores[0]!) };
  });
  groups.sort((a, b) => compare(a.best, b.best));
  return groups.slice(0, options.group.limit).map(({ by, subset }) => ({
    by,
    totalRows: subset.docs.length,
    hits: topHits(reader, subset, { sort: options.sort, limit: options.limit }),
  }));
}

function subsetOf(hits: Hits, indexes: readonly number[]): Hits {
  return { docs: Uint32Array.from(indexes, (i) => hits.docs[i]!), scores: Float64Array.from(indexes, (i) => hits.scores[i]!) };
}

import type { Comparator, JsonValue } from './json.js';
import type { RankDirection } from './parse.js';
import { valueOutput, type Reducer } from './reducer.js';

/**
 * `_top_N` / `_bottom_N` (§5.6): the N largest (descending) or smallest (ascending)
 * distinct values under the view's collation. Values the comparator calls equal count
 * once; the first one met is kept. The accumulator is already the answer: a sorted,
 * duplicate-free list of at most N values.
 */
export function rankReducer(dir: RankDirection, n: number, compare: Comparator): Reducer<JsonValue[]> {
  const order: Comparator = dir === 'top' ? (a, b) => compare(b, a) : compare;
  const insert = (list: JsonValue[], value: JsonValue): void => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (order(list[mid], value) < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= n || (lo < list.length && order(list[lo], value) === 0)) return;
    list.splice(lo, 0, value);
    if (list.length > n) list.pop();
  };
  return {
    reduce(rows) {
      const list: JsonValue[] = [];
      for (const row of rows) insert(list, row.value);
      return list;
    },
    rereduce(parts) {
      const list: JsonValue[] = [];
      for (const part of parts) for (const value of part) insert(list, value);
      return list;
    },
    finalize: valueOutput,
  };
}

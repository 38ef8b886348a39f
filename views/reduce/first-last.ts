import type { JsonValue } from './json.js';
import { valueOutput, type Reducer } from './reducer.js';

/** The row `_first`/`_last` remembers. `null` stands for "no rows". */
export type EdgeRow = { readonly key: JsonValue; readonly id: string; readonly value: JsonValue } | null;

export const EDGES = ['first', 'last'] as const;
export type Edge = (typeof EDGES)[number];

/**
 * `_first` / `_last` (§5.6): the value of the first / last row in `(key, docid)` order.
 * Relies on the {@link Reducer} ordering contract: rows and parts arrive in index order,
 * so the answer is positional and needs no comparator. (CouchDB compares keys instead,
 * which gives the same answer for ordered input.) Finalizes to the remembered value, or to
 * `null` for no rows, which a query never shows since empty groups have no row.
 */
export function edgeReducer(edge: Edge): Reducer<EdgeRow> {
  const pick = <T>(items: readonly T[]): T | undefined =>
    edge === 'first' ? items[0] : items[items.length - 1];
  return {
    reduce(rows) {
      const row = pick(rows);
      return row === undefined ? null : { key: row.key, id: row.id, value: row.value };
    },
    rereduce: (parts) => pick(parts.filter((part) => part !== null)) ?? null,
    finalize: (acc) => valueOutput(acc === null ? null : acc.value),
  };
}

import {
  createReducer,
  parseReduceSource,
  type AnyReducer,
  type JsonValue,
  type ReduceRow,
  type ReducerOptions,
} from '../../../views/reduce/index.js';

export const CONTEXT = 'db/_design/d/_view/v';

/** A small JSON comparator standing in for collation: CouchDB's type order, plain value order inside a type. */
export function compareJson(a: JsonValue, b: JsonValue): number {
  const rank = (v: JsonValue): number => {
    if (v === null) return 0;
    if (v === false) return 1;
    if (v === true) return 2;
    if (typeof v === 'number') return 3;
    if (typeof v === 'string') return 4;
    return Array.isArray(v) ? 5 : 6;
  };
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = compareJson(a[i] as JsonValue, b[i] as JsonValue);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  const sa = JSON.stringify(a);
  const sb = JSON.stringify(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

export function reducerFor(source: string, options: Partial<ReducerOptions> = {}): AnyReducer {
  return createReducer(parseReduceSource(source), { context: CONTEXT, compare: compareJson, ...options });
}

/** `make_docs(1..n)` with `emit(doc.integer, doc.integer)` twice, in index order. */
export function integerRows(n: number): ReduceRow[] {
  const rows: ReduceRow[] = [];
  for (let i = 1; i <= n; i++) {
    rows.push({ key: i, id: String(i), value: i }, { key: i, id: String(i), value: i });
  }
  return rows;
}

/** Rows of one key each, values as given, ids in order. */
export function valueRows(values: readonly JsonValue[]): ReduceRow[] {
  return values.map((value, i) => ({ key: i, id: `doc${String(i).padStart(6, '0')}`, value }));
}

/** Rows whose key lies in [start, end], as a `startkey`/`endkey` range selects them. */
export function inRange(rows: readonly ReduceRow[], start: number, end: number): ReduceRow[] {
  return rows.filter((row) => typeof row.key === 'number' && row.key >= start && row.key <= end);
}

/** A seeded PRNG (mulberry32), so partition trees replay from a fast-check seed. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Reduces rows the way a B-tree index would, over a random tree: leaves `reduce` a
 * contiguous run of rows (possibly empty), inner nodes `rereduce` their children in order.
 */
export function reduceAsTree(reducer: AnyReducer, rows: readonly ReduceRow[], seed: number): unknown {
  const random = prng(seed);
  const build = (slice: readonly ReduceRow[], depth: number): unknown => {
    if (depth >= 4 || slice.length <= 1 || random() < 0.25) return reducer.reduce(slice);
    const parts = 2 + Math.floor(random() * 3);
    const cuts = Array.from({ length: parts - 1 }, () => Math.floor(random() * (slice.length + 1))).sort(
      (a, b) => a - b,
    );
    const bounds = [0, ...cuts, slice.length];
    const children = bounds.slice(1).map((end, i) => build(slice.slice(bounds[i], end), depth + 1));
    return reducer.rereduce(children);
  };
  return build(rows, 0);
}

/** The finalized value, failing the test if the reduction is an error row. */
export function valueOf(reducer: AnyReducer, acc: unknown): JsonValue {
  const output = reducer.finalize(acc);
  if (!output.ok) throw new Error(`expected a value, got ${output.error}: ${output.reason}`);
  return output.value;
}

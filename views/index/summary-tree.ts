/**
 * The reduce summary: a B+-tree of partial reductions kept beside a view's rows, in the
 * same transactions, so that a reduce over any key range, `total_rows` and `offset`
 * read O(log n) nodes instead of every row. See DESIGN.md, "The summary tree".
 *
 * Level 1 nodes ("leaves") each summarise a contiguous run of rows; a node at level L
 * summarises a run of level L-1 nodes. A node is stored under `[level, start row key]`
 * and covers the rows from its start up to the next node's start on the same level;
 * the first node of every level starts at the empty key. Invariants:
 *   1. the node starts of level L+1 are a subset of those of level L (parents cover
 *      whole children), and the top level holds exactly one node;
 *   2. every node's `count`/`acc` equals the reduction of what it covers;
 *   3. a node holds at most MAX_FANOUT items (rows or children); overfull nodes split.
 * Emptied nodes are kept (a split point never moves), which keeps invariant 1 without
 * separator updates; `rebuild` (compaction or a from-scratch build) packs them again.
 */
import type { ReduceRow } from '../reduce/index.js';
import { aboveLow, belowHigh, compareBytes, concatBytes, type Bytes, type KeyInterval, type OrderedTable } from './table.js';

/** Items a node is split into when it overflows; reads per level are about this many. */
export const FANOUT = 64;
const MAX_FANOUT = FANOUT * 2;
const EMPTY: Bytes = new Uint8Array(0);
const HEIGHT_KEY: Bytes = Uint8Array.of(0);

/** What a reduce may throw while summarising; kept so a query can report it. */
export interface SummaryError {
  status: number;
  error: string;
  reason: string;
}

export interface SummaryNode<Acc> {
  count: number;
  acc: Acc | null;
  error?: SummaryError;
}

/** The parts of a reduce the tree needs: reduce rows, rereduce partial results. */
export interface SummaryReducer<Acc> {
  reduce(rows: readonly ReduceRow[]): Acc;
  rereduce(parts: readonly Acc[]): Acc;
}

export type RowDecoder = (rowKey: Bytes, stored: unknown) => ReduceRow;

export class SummaryTree<Acc> {
  constructor(
    private readonly rows: OrderedTable<unknown>,
    private readonly nodes: OrderedTable<SummaryNode<Acc> | number>,
    private readonly reducer: SummaryReducer<Acc> | undefined,
    private readonly decodeRow: RowDecoder,
  ) {}

  height(): number {
    return (this.nodes.get(HEIGHT_KEY) as number | undefined) ?? 0;
  }

  /** Recomputes the nodes covering `changedRowKeys` (inserted or removed rows), bottom-up. */
  update(changedRowKeys: Iterable<Bytes>): void {
    if (this.height() === 0) this.plantRoot();
    let dirty = new Map<string, Bytes>();
    for (const key of changedRowKeys) markDirty(dirty, this.floorStart(1, key));
    for (let level = 1; dirty.size > 0; level++) {
      const parents = new Map<string, Bytes>();
      const ordered = [...dirty.values()].sort(compareBytes);
      for (const start of ordered) this.recompute(level, start);
      if (level === this.height()) {
        if (this.nodes.count(levelRange(level)) > 1) this.grow();
        else break;
      }
      for (const start of ordered) markDirty(parents, this.floorStart(level + 1, start));
      dirty = parents;
    }
  }

  /** Replaces every node by packing the rows afresh: O(rows), used after bulk builds. */
  rebuild(): void {
    this.nodes.clear();
    let level: Array<{ start: Bytes; node: SummaryNode<Acc> }> = [];
    let batch: ReduceRow[] = [];
    let batchStart: Bytes = EMPTY;
    for (const { key, value } of this.rows.range()) {
      if (batch.length === FANOUT) {
        level.push({ start: batchStart, node: this.summariseRows(batch) });
        batch = [];
        batchStart = key;
      }
      batch.push(this.decodeRow(key, value));
    }
    level.push({ start: batchStart, node: this.summariseRows(batch) });
    let height = 1;
    for (;;) {
      for (const { start, node } of level) this.nodes.put(nodeKey(height, start), node);
      if (level.length === 1) break;
      const next: typeof level = [];
      for (let i = 0; i < level.length; i += FANOUT) {
        const children = level.slice(i, i + FANOUT);
        next.push({ start: children[0]!.start, node: this.combine(children.map((child) => child.node)) });
      }
      level = next;
      height++;
    }
    this.nodes.put(HEIGHT_KEY, height);
  }

  /** The reduction and row count of the rows inside `interval`, in key order. */
  summarise(interval: KeyInterval, options: { countOnly?: boolean } = {}): SummaryNode<Acc> {
    const height = this.height();
    if (height === 0) return { count: 0, acc: null };
    const parts: Array<SummaryNode<Acc>> = [];
    this.collect(height, EMPTY, undefined, interval, parts, options.countOnly === true);
    return options.countOnly ? { count: parts.reduce((sum, part) => sum + part.count, 0), acc: null } : this.combine(parts);
  }

  /** Walks one level between `start` and `end`, taking whole nodes inside the interval. */
  private collect(level: number, start: Bytes, end: Bytes | undefined, interval: KeyInterval, parts: Array<SummaryNode<Acc>>, countOnly: boolean): void {
    const from = interval.lo && compareBytes(interval.lo, start) > 0 ? this.floorStart(level, interval.lo) : start;
    const entries = this.nodes.range({ start: nodeKey(level, from), end: end ? nodeKey(level, end) : levelEnd(level) });
    let previous: { start: Bytes; node: SummaryNode<Acc> } | undefined;
    const visit = (nodeStart: Bytes, node: SummaryNode<Acc>, nodeEnd: Bytes | undefined): boolean => {
      if (!belowHigh(nodeStart, interval)) return false;
      const endsInside = nodeEnd === undefined ? !interval.hi : !interval.hi || compareBytes(nodeEnd, interval.hi) <= 0;
      if (aboveLow(nodeStart, interval) && endsInside) parts.push(node);
      else if (level === 1) parts.push(this.summariseRows(this.rowsWithin(nodeStart, nodeEnd, interval), countOnly));
      else this.collect(level - 1, nodeStart, nodeEnd, interval, parts, countOnly);
      return true;
    };
    for (const { key, value } of entries) {
      const nodeStart = key.subarray(1);
      if (previous && !visit(previous.start, previous.node, nodeStart)) return;
      previous = { start: nodeStart, node: value as SummaryNode<Acc> };
    }
    if (previous) visit(previous.start, previous.node, end);
  }

  private rowsWithin(start: Bytes, end: Bytes | undefined, interval: KeyInterval): ReduceRow[] {
    const rows: ReduceRow[] = [];
    const lo = interval.lo && compareBytes(interval.lo, start) > 0 ? interval.lo : start;
    for (const { key, value } of this.rows.range({ ...(lo.length ? { start: lo } : {}), ...(end ? { end } : {}) })) {
      if (!aboveLow(key, interval)) continue;
      if (!belowHigh(key, interval)) break;
      rows.push(this.decodeRow(key, value));
    }
    return rows;
  }

  private recompute(level: number, start: Bytes): void {
    const end = this.nextStart(level, start);
    if (level === 1) {
      const rows: Array<{ key: Bytes; row: ReduceRow }> = [];
      for (const { key, value } of this.rows.range({ ...(start.length ? { start } : {}), ...(end ? { end } : {}) })) {
        rows.push({ key, row: this.decodeRow(key, value) });
      }
      this.store(level, start, rows, (chunk) => this.summariseRows(chunk.map((item) => item.row)));
    } else {
      const children: Array<{ key: Bytes; node: SummaryNode<Acc> }> = [];
      for (const { key, value } of this.nodes.range({ start: nodeKey(level - 1, start), end: end ? nodeKey(level - 1, end) : levelEnd(level - 1) })) {
        children.push({ key: key.subarray(1), node: value as SummaryNode<Acc> });
      }
      this.store(level, start, children, (chunk) => this.combine(chunk.map((item) => item.node)));
    }
  }

  /** Writes a node's summary, splitting it into FANOUT-sized nodes when it overflows. */
  private store<T extends { key: Bytes }>(level: number, start: Bytes, items: T[], summarise: (chunk: T[]) => SummaryNode<Acc>): void {
    if (items.length <= MAX_FANOUT) {
      this.nodes.put(nodeKey(level, start), summarise(items));
      return;
    }
    for (let i = 0; i < items.length; i += FANOUT) {
      const chunk = items.slice(i, i + FANOUT);
      this.nodes.put(nodeKey(level, i === 0 ? start : chunk[0]!.key), summarise(chunk));
    }
  }

  private summariseRows(rows: readonly ReduceRow[], countOnly = false): SummaryNode<Acc> {
    if (!this.reducer || countOnly) return { count: rows.length, acc: null };
    return guard(rows.length, () => this.reducer!.reduce(rows));
  }

  private combine(parts: ReadonlyArray<SummaryNode<Acc>>): SummaryNode<Acc> {
    const count = parts.reduce((sum, part) => sum + part.count, 0);
    if (!this.reducer) return { count, acc: null };
    const failed = parts.find((part) => part.error);
    if (failed) return { count, acc: null, error: failed.error! };
    const accs = parts.filter((part) => part.count > 0).map((part) => part.acc as Acc);
    if (accs.length === 0) return { count, acc: null };
    return guard(count, () => (accs.length === 1 ? accs[0]! : this.reducer!.rereduce(accs)));
  }

  private plantRoot(): void {
    this.nodes.put(nodeKey(1, EMPTY), { count: 0, acc: null });
    this.nodes.put(HEIGHT_KEY, 1);
  }

  /** Adds a level above the current top, holding one node over everything. */
  private grow(): void {
    const height = this.height() + 1;
    this.nodes.put(nodeKey(height, EMPTY), { count: 0, acc: null });
    this.nodes.put(HEIGHT_KEY, height);
  }

  /** The start of the node on `level` that covers `key`. */
  private floorStart(level: number, key: Bytes): Bytes {
    for (const found of this.nodes.keys({ start: nodeKey(level, key), end: nodeKey(level, EMPTY), reverse: true, limit: 1 })) {
      return found.subarray(1);
    }
    return EMPTY;
  }

  private nextStart(level: number, start: Bytes): Bytes | undefined {
    for (const found of this.nodes.keys({ start: nodeKey(level, start), end: levelEnd(level), limit: 2 })) {
      const candidate = found.subarray(1);
      if (compareBytes(candidate, start) > 0) return candidate;
    }
    return undefined;
  }
}

function nodeKey(level: number, start: Bytes): Bytes {
  return concatBytes(Uint8Array.of(level), start);
}

function levelEnd(level: number): Bytes {
  return Uint8Array.of(level + 1);
}

function levelRange(level: number) {
  return { start: nodeKey(level, EMPTY), end: levelEnd(level) };
}

function markDirty(dirty: Map<string, Bytes>, start: Bytes): void {
  dirty.set(Buffer.from(start).toString('latin1'), start);
}

function guard<Acc>(count: number, compute: () => Acc): SummaryNode<Acc> {
  try {
    return { count, acc: compute() };
  } catch (err) {
    const failure = err as Partial<SummaryError> & { message?: string };
    return {
      count,
      acc: null,
      error: { status: failure.status ?? 500, error: failure.error ?? 'reduce_error', reason: failure.reason ?? failure.message ?? String(err) },
    };
  }
}

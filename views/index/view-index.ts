/**
 * One view's index: its rows, the back-index from each document to the row keys it
 * emitted, the reduce summary tree and the checkpoint, all updated by `apply` inside the
 * caller's transaction, so every commit leaves rows, back-index, summary and checkpoint
 * consistent with one another.
 */
import type { AnyReducer, JsonValue, ReduceRow } from '../reduce/index.js';
import { emissionKey, type RowKeyCodec, type StoredRow } from './row-codec.js';
import { SummaryTree, type SummaryNode } from './summary-tree.js';
import type { Bytes, OrderedTable } from './table.js';

/** The tables one view owns, opened by the engine inside the database's store. */
export interface ViewTables {
  rows: OrderedTable<StoredRow>;
  /** docId (UTF-8 bytes) → the row keys that document emitted. */
  back: OrderedTable<Bytes[]>;
  tree: OrderedTable<SummaryNode<unknown> | number>;
  meta: OrderedTable<number | string | boolean>;
  /**
   * Groups (exact keys) whose reduction changed and must be copied to a `dbcopy` target:
   * encoded key → the key as emitted. Written in the same transaction as the rows, so a
   * crash between the commit and the copy leaves the work recorded.
   */
  pending?: OrderedTable<JsonValue>;
}

/** What a batch of mapped documents means for one view. */
export interface DocRows {
  id: string;
  /** The rows emitted by the document's current revision; empty when deleted or nothing emitted. */
  rows: Array<[JsonValue, JsonValue]>;
}

const META = {
  checkpoint: Buffer.from('checkpoint'),
  updateSeq: Buffer.from('update_seq'),
  summaryStale: Buffer.from('summary_stale'),
} as const;

/**
 * Above this share of the index changing in one run, the summary is rebuilt once at the
 * end (O(rows)) instead of being patched per batch (O(changes · log rows) each).
 */
export const BULK_REBUILD_SHARE = 0.25;

export class ViewIndex {
  readonly tree: SummaryTree<unknown>;

  constructor(
    readonly tables: ViewTables,
    readonly codec: RowKeyCodec,
    readonly reducer: AnyReducer | undefined,
  ) {
    this.tree = new SummaryTree<unknown>(tables.rows, tables.tree, reducer, decodeStoredRow);
  }

  /** The database sequence this index reflects. */
  checkpoint(): number {
    return (this.tables.meta.get(META.checkpoint) as number | undefined) ?? 0;
  }

  /** The database sequence at which this view's rows last changed. */
  updateSeq(): number {
    return (this.tables.meta.get(META.updateSeq) as number | undefined) ?? 0;
  }

  /** The row count for planning, without requiring a fresh summary (0 when stale). */
  totalRowsIfFresh(): number {
    return this.summaryIsStale() ? 0 : this.tree.summarise({}, { countOnly: true }).count;
  }

  totalRows(): number {
    this.ensureSummary();
    return this.tree.summarise({}, { countOnly: true }).count;
  }

  /**
   * Replaces the rows of each document and advances the checkpoint to `seq`.
   * `bulk` defers the summary to `finishBulk` (a from-scratch or very large build).
   */
  apply(docs: readonly DocRows[], seq: number, options: { bulk?: boolean } = {}): void {
    const changed: Bytes[] = [];
    let touched = false;
    for (const doc of docs) {
      const idKey = Buffer.from(doc.id);
      const old = this.tables.back.get(idKey);
      if (old) {
        for (const key of old) {
          if (this.tables.pending) this.markPending(this.tables.rows.get(key)?.[0]);
          this.tables.rows.remove(key);
          changed.push(key);
        }
      }
      if (doc.rows.length === 0) {
        if (old) this.tables.back.remove(idKey);
        touched ||= old !== undefined;
        continue;
      }
      const keys = doc.rows.map(([key, value], index) => {
        const rowKey = emissionKey(this.codec.rowKey(key, doc.id), index);
        this.tables.rows.put(rowKey, [key, value, doc.id]);
        if (this.tables.pending) this.markPending(key);
        changed.push(rowKey);
        return rowKey;
      });
      this.tables.back.put(idKey, keys);
      touched = true;
    }
    if (options.bulk) this.tables.meta.put(META.summaryStale, true);
    else if (changed.length > 0) {
      if (this.tables.meta.get(META.summaryStale)) this.rebuildSummary();
      else this.tree.update(changed);
    }
    this.tables.meta.put(META.checkpoint, seq);
    if (touched) this.tables.meta.put(META.updateSeq, seq);
  }

  private markPending(key: JsonValue | undefined): void {
    if (key !== undefined) this.tables.pending!.put(this.codec.keyBounds(key).low, key);
  }

  /** Ends a bulk run: packs the summary from the rows in one pass. */
  finishBulk(): void {
    if (this.tables.meta.get(META.summaryStale)) this.rebuildSummary();
  }

  /** Whether the summary must be rebuilt before it can answer (a bulk run was cut short). */
  summaryIsStale(): boolean {
    return this.tables.meta.get(META.summaryStale) === true;
  }

  rebuildSummary(): void {
    this.tree.rebuild();
    this.tables.meta.remove(META.summaryStale);
  }

  /** Read paths call this; the engine rebuilds stale summaries in a write first. */
  private ensureSummary(): void {
    if (this.summaryIsStale()) throw new Error('summary is stale: rebuild it in a write transaction first');
  }
}

export function decodeStoredRow(_rowKey: Bytes, stored: unknown): ReduceRow {
  const [key, value, id] = stored as StoredRow;
  return { key, value, id };
}

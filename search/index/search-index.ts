/**
 * One full-text index: its tables, its analyzers, and the in-memory suggester.
 * `apply` runs inside the caller's write transaction; `search` and `suggest` read the
 * committed state.
 *
 *   const index = new SearchIndex(tables, parseAnalyzerSpec('standard'));
 *   await store.write(() => index.apply([{ id: 'a', fields: [...] }], 12));
 *   index.search(validateSearchRequest({ q: 'title:apple' }));
 */
import { buildAnalyzer, type AnalyzerSpec, type FieldAnalyzer } from '../analysis/index.js';
import { COLUMN } from './columns.js';
import { readU32Key } from './keys.js';
import { IndexReader } from './reader.js';
import type { SearchRequest } from './request.js';
import { search, type GroupedSearchResult, type SearchResult } from './search.js';
import { Suggester } from './suggest.js';
import type { StoredValue } from './document.js';
import type { SearchTables } from './tables.js';
import { applyChanges, type DocChange } from './writer.js';

export interface SuggestResult {
  rows: Array<{ id: string; fields: Record<string, StoredValue> }>;
}

export class SearchIndex {
  readonly analyzer: FieldAnalyzer;
  private suggester: Suggester | undefined;

  constructor(
    readonly tables: SearchTables,
    spec: AnalyzerSpec,
  ) {
    this.analyzer = buildAnalyzer(spec);
  }

  /** A reader over the committed state, with caches for one query. */
  reader(): IndexReader {
    return new IndexReader(this.tables);
  }

  /** The database sequence the index reflects. */
  checkpoint(): number {
    return this.reader().checkpoint();
  }

  /** Applies a batch and moves the checkpoint, inside the caller's transaction. */
  apply(changes: readonly DocChange[], checkpoint: number): void {
    const suggest = applyChanges(this.tables, this.analyzer, changes, checkpoint);
    if (this.suggester) for (const { doc, text } of suggest) this.suggester.set(doc, text);
  }

  /** After a failed transaction the suggester may hold uncommitted changes: rebuild it on next use. */
  discardMemory(): void {
    this.suggester = undefined;
  }

  search(request: SearchRequest): SearchResult | GroupedSearchResult {
    return search(this.reader(), this.analyzer, request);
  }

  suggest(query: string, limit: number): SuggestResult {
    const reader = this.reader();
    const docs = this.suggesterFor(reader).search(query, limit);
    return {
      rows: docs.flatMap((doc) => {
        const record = reader.record(doc);
        return record ? [{ id: record.id, fields: record.stored }] : [];
      }),
    };
  }

  info(): { doc_count: number; doc_del_count: number; committed_seq: number; update_seq: number } {
    const reader = this.reader();
    return { doc_count: reader.docCount(), doc_del_count: 0, committed_seq: reader.checkpoint(), update_seq: reader.updateSeq() };
  }

  /** Built from the suggest column on first use, then kept current by `apply`. */
  private suggesterFor(reader: IndexReader): Suggester {
    if (this.suggester) return this.suggester;
    const suggester = new Suggester();
    const prefix = Buffer.from([COLUMN.suggest]);
    for (const { key, value } of reader.tables.columns.range({ start: prefix, end: Buffer.from([COLUMN.suggest + 1]) })) {
      suggester.set(readU32Key(key, 1), value as string);
    }
    this.suggester = suggester;
    return suggester;
  }
}

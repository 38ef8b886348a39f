/**
 * The postings and document frequencies a write batch changes, per (field, term): the
 * term's edited blocks by bucket and its document-frequency delta. Each block is read
 * and decoded once per batch and written (or deleted) once when the batch flushes; the
 * term dictionary entry likewise.
 */
import { decodePostings, emptyPostings, encodePostings, type PostingEntries } from './postings-block.js';
import { postingKey, termKey } from './table-keys.js';
import type { SearchTables } from './tables.js';

export class TermEdit {
  docFreqDelta = 0;
  private readonly blocks = new Map<number, PostingEntries>();

  constructor(
    readonly field: string,
    readonly term: string,
    private readonly tables: SearchTables,
  ) {}

  block(bucket: number): PostingEntries {
    let entries = this.blocks.get(bucket);
    if (!entries) {
      const stored = this.tables.postings.get(postingKey(this.field, this.term, bucket));
      entries = stored ? decodePostings(stored) : emptyPostings();
      this.blocks.set(bucket, entries);
    }
    return entries;
  }

  flush(): void {
    const { postings, terms } = this.tables;
    for (const [bucket, entries] of this.blocks) {
      const key = postingKey(this.field, this.term, bucket);
      if (entries.slots.length > 0) postings.put(key, encodePostings(entries));
      else postings.remove(key);
    }
    if (this.docFreqDelta === 0) return;
    const key = termKey(this.field, this.term);
    const docFreq = (terms.get(key) ?? 0) + this.docFreqDelta;
    if (docFreq > 0) terms.put(key, docFreq);
    else terms.remove(key);
  }
}

export class TermEdits {
  private readonly edits = new Map<string, TermEdit>();

  constructor(private readonly tables: SearchTables) {}

  get(field: string, term: string): TermEdit {
    const id = `${field}\u0000${term}`;
    let edit = this.edits.get(id);
    if (!edit) this.edits.set(id, (edit = new TermEdit(field, term, this.tables)));
    return edit;
  }

  flush(): void {
    for (const edit of this.edits.values()) edit.flush();
    this.edits.clear();
  }
}

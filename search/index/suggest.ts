/**
 * The only module that imports FlexSearch: search-as-you-type over the `suggest: true`
 * fields of an index, kept in memory. Two FlexSearch indexes share the work: a forward
 * (prefix) index finds words whose end is still being typed, a tolerant one catches
 * swapped or missing letters; both encode with FlexSearch's phonetic-leaning
 * LatinAdvanced charset, so small misspellings still meet. Prefix matches rank first.
 */
import { Charset, Index } from 'flexsearch';

export class Suggester {
  private readonly prefix = new Index({ tokenize: 'forward', encoder: Charset.LatinAdvanced });
  private readonly tolerant = new Index({ tokenize: 'tolerant', encoder: Charset.LatinAdvanced });

  /** Indexes `text` for `doc`, replacing what it had; undefined removes the document. */
  set(doc: number, text: string | undefined): void {
    if (this.prefix.contain(doc)) {
      this.prefix.remove(doc);
      this.tolerant.remove(doc);
    }
    if (text === undefined || text === '') return;
    this.prefix.add(doc, text);
    this.tolerant.add(doc, text);
  }

  /** The best-matching documents, best first. */
  search(query: string, limit: number): number[] {
    const found = new Set<number>();
    for (const index of [this.prefix, this.tolerant]) {
      if (found.size >= limit) break;
      for (const doc of index.search(query, { limit, suggest: true })) {
        found.add(doc as number);
        if (found.size >= limit) break;
      }
    }
    return [...found];
  }
}

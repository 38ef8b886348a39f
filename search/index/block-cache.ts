/**
 * Blocks a write batch edits: each is read and decoded once per batch, edited in
 * memory, and encoded and written (or deleted) once when the batch flushes. A bulk
 * build that appends thousands of documents to one bucket thus writes each block once.
 * Blocks are found by a string id; the binary key is built only on a miss.
 */
import type { Bytes } from '../../views/index.js';

export class BlockCache<D> {
  private readonly blocks = new Map<string, { key: Bytes; block: D }>();

  constructor(
    private readonly load: (key: Bytes) => D,
    private readonly save: (key: Bytes, block: D) => void,
  ) {}

  get(id: string, key: () => Bytes): D {
    let entry = this.blocks.get(id);
    if (entry === undefined) {
      const bytes = key();
      entry = { key: bytes, block: this.load(bytes) };
      this.blocks.set(id, entry);
    }
    return entry.block;
  }

  flush(): void {
    for (const { key, block } of this.blocks.values()) this.save(key, block);
    this.blocks.clear();
  }
}

/**
 * The raw LMDB pipeline: the physical limit that Settee's view build is measured
 * against (issue 8). It reads the documents back from LMDB in sequence order (msgpack
 * values, as Settee stores them), runs the same map function compiled with
 * `new Function` on the main thread, and writes rows `[key, docId] → value` with
 * lmdb-js directly, in large async batches that lmdb commits on its own write thread.
 * No back-index, no checkpoint, no summary, no CouchDB collation (ordered-binary keys,
 * which flatten arrays): everything Settee adds on top is what the ratio measures.
 */
import { open, type Database, type Key, type RootDatabase } from 'lmdb';
import type { BenchDoc, Corpus } from '../corpus.js';

/** Documents mapped between two yields to lmdb's writer: each batch commits as one transaction. */
const BUILD_BATCH_DOCS = 10_000;
const LOAD_BATCH_DOCS = 10_000;
/** Named databases: the documents and one row table per build. */
const MAX_DBS = 64;

type Emit = (key: unknown, value: unknown) => void;

export interface RawBuild {
  docs: number;
  rows: number;
  ms: number;
}

export class RawLmdbPeer {
  private builds = 0;

  private constructor(
    private readonly root: RootDatabase,
    private readonly docs: Database<BenchDoc, number>,
  ) {}

  /** Opens an environment in `dir` with Settee's storage settings (default durability, no compression). */
  static open(dir: string): RawLmdbPeer {
    const root = open({ path: dir, maxDbs: MAX_DBS, compression: false });
    return new RawLmdbPeer(root, root.openDB<BenchDoc, number>({ name: 'docs', encoding: 'msgpack' }));
  }

  /** Stores the first `count` corpus documents keyed by sequence (untimed set-up). */
  async load(corpus: Corpus, count: number): Promise<void> {
    for (let start = 0; start < count; start += LOAD_BATCH_DOCS) {
      const batch = corpus.slice(start, Math.min(LOAD_BATCH_DOCS, count - start));
      await this.root.transaction(() => batch.forEach((doc, i) => this.docs.putSync(start + i + 1, doc)));
    }
  }

  /**
   * Builds a fresh row table for `mapSource` and reports the time from first read to last
   * commit. Callers run one untimed build first, as they do for Settee, so neither side
   * pays the JIT's warm-up in its figures.
   */
  async build(mapSource: string): Promise<RawBuild> {
    const rowsDb = this.root.openDB<unknown, Key>({ name: `rows-${++this.builds}`, encoding: 'msgpack' });
    let docId = '';
    let pending: Array<[Key, unknown]> = [];
    const emit: Emit = (key, value) => void pending.push([[key, docId] as Key, value ?? null]);
    const map = compileMap(mapSource, emit);
    const start = performance.now();
    const commits: Array<Promise<boolean>> = [];
    let docs = 0;
    let rows = 0;
    for (const { value: doc } of this.docs.getRange()) {
      docId = doc._id;
      map(doc);
      if (++docs % BUILD_BATCH_DOCS === 0) {
        rows += this.flush(rowsDb, pending, commits);
        pending = [];
        // Yield so lmdb commits this batch on its write thread while the next one is mapped.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    rows += this.flush(rowsDb, pending, commits);
    await Promise.all(commits);
    return { docs, rows, ms: performance.now() - start };
  }

  async close(): Promise<void> {
    await this.root.close();
  }

  private flush(rowsDb: Database<unknown, Key>, batch: Array<[Key, unknown]>, commits: Array<Promise<boolean>>): number {
    let last: Promise<boolean> | undefined;
    for (const [key, value] of batch) last = rowsDb.put(key, value);
    if (last) commits.push(last);
    return batch.length;
  }
}

/** The user's map source as a callable, with `emit` in scope (no sandbox: this is the limit). */
function compileMap(source: string, emit: Emit): (doc: BenchDoc) => void {
  const factory = new Function('emit', `return (${source});`) as (emit: Emit) => (doc: BenchDoc) => void;
  return factory(emit);
}

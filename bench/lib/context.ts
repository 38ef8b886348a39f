/**
 * What every scenario receives: the run's mode and sizes, the corpus, a scratch
 * directory, a progress log, and fixtures (databases already loaded with the corpus)
 * shared between scenarios so a size is loaded once per system per run.
 */
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import type { Corpus } from '../corpus.js';
import type { ChartPoint } from './chart.js';
import type { ResultRow } from './results.js';

export interface BenchContext {
  /** The 10k-document smoke run: figures are printed, targets are not judged. */
  quick: boolean;
  /** Corpus sizes to run, smallest first (e.g. [100_000] or [100_000, 1_000_000]). */
  sizes: readonly number[];
  corpus: Corpus;
  fixtures: Fixtures;
  /** A fresh directory under the run's scratch directory. */
  tempDir(label: string): Promise<string>;
  /** Progress on stderr (the table goes to stdout). */
  log(message: string): void;
  /** A fact the report must carry (a skipped peer, a reduced sample). */
  note(message: string): void;
  /** A point of the report's chart (figure against database size). */
  plot(point: ChartPoint): void;
}

export interface Scenario {
  /** Short name matched by `--only` (substring). */
  name: string;
  run(context: BenchContext): Promise<ResultRow[]>;
}

type FixtureKind = 'settee' | 'pouch';

/**
 * Loaded data directories, keyed by system and size. The systems are imported when a
 * fixture is first needed, so scenarios that use neither still run if one fails to load.
 */
export class Fixtures {
  private readonly dirs = new Map<string, string>();

  constructor(
    private readonly corpus: Corpus,
    private readonly tempDir: (label: string) => Promise<string>,
    private readonly log: (message: string) => void,
  ) {}

  /** Registers a directory a scenario loaded anyway (e.g. by the bulk-write benchmark). */
  adopt(kind: FixtureKind, size: number, dir: string): void {
    this.dirs.set(`${kind}:${size}`, dir);
  }

  /** A Settee data directory whose database `bench` holds the first `size` documents. */
  async settee(size: number): Promise<string> {
    return this.get('settee', size, async (dir) => {
      const { loadCorpus, openSettee } = await import('./settee.js');
      const { settee, db } = await openSettee(dir);
      await loadCorpus(db, this.corpus, size);
      await settee.close();
    });
  }

  /** A PouchDB directory holding the first `size` documents. */
  async pouch(size: number): Promise<string> {
    return this.get('pouch', size, async (dir) => {
      const [{ PouchPeer }, { LOAD_BATCH }] = await Promise.all([import('../peers/pouchdb.js'), import('./settee.js')]);
      const pouch = PouchPeer.open(dir);
      for (const batch of this.corpus.batches(size, LOAD_BATCH)) await pouch.bulkDocs(batch);
      await pouch.close();
    });
  }

  private async get(kind: FixtureKind, size: number, load: (dir: string) => Promise<void>): Promise<string> {
    const cached = this.dirs.get(`${kind}:${size}`);
    if (cached) return cached;
    const dir = await this.tempDir(`${kind}-${size}`);
    this.log(`loading ${size} docs into ${kind} (untimed)`);
    await load(dir);
    this.adopt(kind, size, dir);
    return dir;
  }
}

/** Makes fresh directories named after their use under `root`. */
export function scratchDirs(root: string): (label: string) => Promise<string> {
  return (label) => mkdtemp(join(root, `${label}-`));
}

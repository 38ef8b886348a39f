/**
 * Settee as the benchmark drives it: the embedded store in a directory, loaded with the
 * corpus, and the HTTP server on 127.0.0.1 (port chosen by the OS).
 */
import { loadConfig } from '../../engine/config.js';
import { serviceExtensions } from '../../engine/extensions.js';
import { Settee, type Database } from '../../engine/index.js';
import { createLogger } from '../../engine/logger.js';
import { startService, type Service } from '../../engine/service.js';
import type { Corpus } from '../corpus.js';

/** Documents per `bulkDocs` call when loading: one LMDB transaction each. */
export const LOAD_BATCH = 1000;
export const BENCH_DB = 'bench';

export interface OpenSettee {
  settee: Settee;
  db: Database;
}

export async function openSettee(dir: string, options: { workers?: number } = {}): Promise<OpenSettee> {
  const settee = await Settee.open({ dir, workers: options.workers ?? 2 });
  const db = await settee.database(BENCH_DB, { create: true });
  return { settee, db };
}

/** Writes corpus documents [0, count) in batches; the generation is not part of any timing. */
export async function loadCorpus(db: Database, corpus: Corpus, count: number): Promise<void> {
  for (const batch of corpus.batches(count, LOAD_BATCH)) await checkedBulk(db, batch);
}

/** `bulkDocs` that fails loudly when any document was refused. */
export async function checkedBulk(db: Database, docs: object[]): Promise<void> {
  const results = await db.bulkDocs(docs);
  const failed = results.find((result) => 'error' in result);
  if (failed) throw new Error(`Settee bulkDocs failed: ${JSON.stringify(failed)}`);
}

/** A real Settee server on 127.0.0.1 over `dir`, with silent logs. */
export async function startServer(dir: string, options: { workers?: number } = {}): Promise<Service> {
  const config = loadConfig({}, { PORT: '0', HOST: '127.0.0.1', SETTEE_DATA_DIR: dir, SETTEE_WORKERS: String(options.workers ?? 2) });
  return startService(config, serviceExtensions(), createLogger('silent'));
}

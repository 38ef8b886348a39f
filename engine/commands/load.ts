/**
 * `settee load <db> <file>`: bulk-load documents from NDJSON (one document per line) or
 * a JSON file (an array, or `{"docs": [...]}`) into the local data directory.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { errors } from '../../views/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { Settee } from '../settee.js';
import { createProgress } from './progress.js';

/** Documents per transaction: large enough to amortise the commit, small enough to bound memory. */
const BATCH_SIZE = 2000;

export interface LoadSummary {
  written: number;
  failed: number;
  seconds: number;
}

export async function loadFile(config: Config, logger: Logger, dbName: string, file: string): Promise<LoadSummary> {
  const settee = await Settee.open({ dir: config.dataDir, workers: config.workers, logger });
  const started = Date.now();
  let written = 0;
  let failed = 0;
  try {
    const db = await settee.database(dbName, { create: true });
    const bytes = (await stat(file)).size;
    const progress = createProgress(`load ${dbName}`, 0, logger);
    const flush = async (batch: unknown[]) => {
      const results = await db.bulkDocs(batch);
      for (const result of results) {
        if ('ok' in result) written++;
        else {
          failed++;
          logger.warn({ id: result.id, error: result.error, reason: result.reason }, 'document not loaded');
        }
      }
      progress.update(written + failed, written + failed);
    };
    let batch: unknown[] = [];
    for await (const doc of readDocuments(file)) {
      batch.push(doc);
      if (batch.length >= BATCH_SIZE) {
        await flush(batch);
        batch = [];
      }
    }
    if (batch.length > 0) await flush(batch);
    progress.stop();
    const seconds = (Date.now() - started) / 1000;
    logger.info({ db: dbName, file, bytes, written, failed, seconds, rate: Math.round(written / Math.max(seconds, 0.001)) }, 'load finished');
    return { written, failed, seconds };
  } finally {
    await settee.close();
  }
}

async function* readDocuments(file: string): AsyncGenerator<unknown> {
  if (file.endsWith('.json')) {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    const docs = Array.isArray(parsed) ? parsed : (parsed as { docs?: unknown }).docs;
    if (!Array.isArray(docs)) throw errors.badRequest(`${file}: expected a JSON array or {"docs": [...]}`);
    yield* docs;
    return;
  }
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line);
    } catch {
      throw errors.badRequest(`${file}:${lineNumber}: invalid JSON`);
    }
  }
}

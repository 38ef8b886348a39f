/**
 * Scenario 1 (issue 2): bulk write throughput of ~1 KB documents in batches of 1000,
 * through the library (`db.bulkDocs`, one LMDB transaction per call) and through HTTP
 * `POST /{db}/_bulk_docs` on a real server on 127.0.0.1 with Node's fetch; the peer is
 * PouchDB `bulkDocs` on the same documents. Only the writes are timed: generating the
 * documents (and serialising the HTTP bodies) happens outside the timed sections.
 */
import type { BenchContext, Scenario } from '../lib/context.js';
import { row, type ResultRow } from '../lib/results.js';
import { sizeLabel } from '../lib/report.js';
import { BENCH_DB, LOAD_BATCH, checkedBulk, openSettee, startServer } from '../lib/settee.js';
import { Stopwatch } from '../lib/timing.js';
import { PouchPeer } from '../peers/pouchdb.js';

/** PouchDB loads at ~20k docs/s: beyond this size it would dominate the run for no new insight. */
const POUCH_MAX_SIZE = 100_000;

export const bulkWrite: Scenario = {
  name: 'bulk-write',
  async run(context) {
    const rows: ResultRow[] = [];
    for (const size of context.sizes) {
      const pouch = size <= POUCH_MAX_SIZE ? await pouchRate(context, size) : null;
      const peer = pouch === null ? undefined : { name: 'PouchDB', value: pouch };
      if (pouch === null) context.note(`bulk write at ${sizeLabel(size)}: PouchDB not measured (over ${sizeLabel(POUCH_MAX_SIZE)} docs).`);
      const library = await libraryRate(context, size);
      rows.push(row({ scenario: `bulk write, library bulkDocs ×${LOAD_BATCH}, ${sizeLabel(size)} docs`, unit: 'docs/s', settee: library, ...(peer ? { peer } : {}) }));
      const http = await httpRate(context, size);
      rows.push(row({ scenario: `bulk write, HTTP _bulk_docs ×${LOAD_BATCH}, ${sizeLabel(size)} docs`, unit: 'docs/s', settee: http, ...(peer ? { peer } : {}) }));
    }
    return rows;
  },
};

async function libraryRate(context: BenchContext, size: number): Promise<number> {
  const dir = await context.tempDir(`settee-${size}`);
  const { settee, db } = await openSettee(dir);
  const watch = new Stopwatch();
  for (const batch of context.corpus.batches(size, LOAD_BATCH)) await watch.time(() => checkedBulk(db, batch));
  await settee.close();
  context.fixtures.adopt('settee', size, dir);
  context.log(`bulk write library ${size}: ${watch.rate(size).toFixed(0)} docs/s`);
  return watch.rate(size);
}

async function httpRate(context: BenchContext, size: number): Promise<number> {
  const service = await startServer(await context.tempDir(`http-${size}`));
  try {
    const created = await fetch(`${service.url}/${BENCH_DB}`, { method: 'PUT' });
    if (created.status !== 201) throw new Error(`PUT /${BENCH_DB} answered ${created.status}`);
    const watch = new Stopwatch();
    for (const batch of context.corpus.batches(size, LOAD_BATCH)) {
      const body = JSON.stringify({ docs: batch });
      await watch.time(async () => {
        const response = await fetch(`${service.url}/${BENCH_DB}/_bulk_docs`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const results = (await response.json()) as unknown;
        if (response.status !== 201 || !Array.isArray(results) || results.some((result: { error?: unknown }) => result.error)) {
          throw new Error(`_bulk_docs answered ${response.status}: ${JSON.stringify(results).slice(0, 200)}`);
        }
      });
    }
    context.log(`bulk write http ${size}: ${watch.rate(size).toFixed(0)} docs/s`);
    return watch.rate(size);
  } finally {
    await service.stop();
  }
}

async function pouchRate(context: BenchContext, size: number): Promise<number> {
  const dir = await context.tempDir(`pouch-${size}`);
  const pouch = PouchPeer.open(dir);
  const watch = new Stopwatch();
  for (const batch of context.corpus.batches(size, LOAD_BATCH)) await watch.time(() => pouch.bulkDocs(batch));
  await pouch.close();
  context.fixtures.adopt('pouch', size, dir);
  context.log(`bulk write PouchDB ${size}: ${watch.rate(size).toFixed(0)} docs/s`);
  return watch.rate(size);
}

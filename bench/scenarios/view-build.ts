/**
 * Scenario 2 (issues 3 and 8): view build throughput in docs/s, from saving a design
 * document to the first `update=true` query answering, for a cheap map, the reference
 * map and its every-document variant, with 1, 2 and all worker threads. Peers on the
 * same documents: PouchDB's persistent view build (first query) and the raw LMDB
 * pipeline (the physical limit). At 1M documents the figure is compared with the 100k
 * one, and the peak RSS of the build is reported.
 */
import { availableParallelism } from 'node:os';
import type { BenchContext, Scenario } from '../lib/context.js';
import { MAPS, POUCH_DDOC, POUCH_VIEWS, tagged, type MapName } from '../lib/maps.js';
import { sizeLabel } from '../lib/report.js';
import { row, type PeerFigure, type ResultRow, type Target } from '../lib/results.js';
import { openSettee } from '../lib/settee.js';
import { withPeakRss } from '../lib/timing.js';
import { PouchPeer } from '../peers/pouchdb.js';
import { RawLmdbPeer } from '../peers/raw-lmdb.js';

const BUILD_MAPS: readonly MapName[] = ['cheap', 'reference', 'everydoc'];

/**
 * PouchDB builds at ~1–2k docs/s, so at 100k each view costs about a minute: the cheap
 * and reference maps are measured at the run's size (up to 100k), the every-document map
 * (2.5 rows/doc, the slowest) at 20k to keep the default run within its budget.
 */
const POUCH_MAX_SIZE: Record<MapName, number> = { cheap: 100_000, reference: 100_000, everydoc: 20_000, hour: 20_000 };

const MB = 2 ** 20;
const CHEAP_TARGETS: Target[] = [
  { kind: 'value', bound: 200_000, unit: 'docs/s' },
  { kind: 'ratio', bound: 100 },
];
const RAW_TARGET: Target[] = [{ kind: 'ratio', bound: 0.7 }];
/** At 1M documents: within 20% of the 100k rate, peak RSS ≤ 1.5 GB. */
const SCALE_TARGET: Target[] = [{ kind: 'ratio', bound: 0.8 }];
const RSS_TARGET: Target[] = [{ kind: 'value', bound: 1536, unit: 'MB' }];

interface SetteeBuild {
  rate: number;
  rows: number;
  peakRssMb: number;
  peakAnonMb: number | null;
}

export const viewBuild: Scenario = {
  name: 'view-build',
  async run(context) {
    const rows: ResultRow[] = [];
    const firstRates = new Map<string, number>();
    const allWorkers = availableParallelism();
    for (const size of context.sizes) {
      const raw = await rawRates(context, size);
      const pouch = await pouchRates(context, size);
      for (const workers of [...new Set([1, 2, allWorkers])]) {
        const builds = await setteeBuilds(context, size, workers);
        for (const map of BUILD_MAPS) {
          const build = builds[map];
          const label = `view build, ${map} map, ${sizeLabel(size)}, workers=${workers}`;
          const judged = map === 'cheap' && workers === allWorkers;
          const detail = `${build.rows} rows`;
          if (build.rows !== raw[map].rows) context.note(`${label}: Settee indexed ${build.rows} rows, the raw pipeline ${raw[map].rows}.`);
          const pouchPeer = pouch[map];
          rows.push(row({ scenario: label, unit: 'docs/s', settee: build.rate, detail, ...(pouchPeer ? { peer: pouchPeer } : {}), ...(judged ? { targets: CHEAP_TARGETS } : {}) }));
          rows.push(row({ scenario: `${label}, vs raw`, unit: 'docs/s', settee: build.rate, peer: { name: 'raw LMDB', value: raw[map].rate }, ...(judged ? { targets: RAW_TARGET } : {}) }));
          if (workers === allWorkers) context.plot({ panel: 'build', series: `Settee, ${map} map`, size, value: build.rate });
          const key = `${map}:${workers}`;
          const first = firstRates.get(key);
          if (first === undefined) firstRates.set(key, build.rate);
          else if (judged) {
            const peer: PeerFigure = { name: `Settee at ${sizeLabel(context.sizes[0]!)}`, value: first };
            rows.push(row({ scenario: `${label}, vs smaller size`, unit: 'docs/s', settee: build.rate, peer, targets: SCALE_TARGET }));
            const anon = build.peakAnonMb === null ? {} : { detail: `anonymous ${build.peakAnonMb.toFixed(0)} MB, the rest mapped LMDB pages` };
            rows.push(row({ scenario: `${label}, peak RSS of the process`, unit: 'MB', settee: build.peakRssMb, ...anon, targets: RSS_TARGET }));
          }
        }
      }
    }
    return rows;
  },
};

/**
 * Builds each map as its own design document on the loaded fixture, then drops it and
 * its index. One untimed build first warms up the JIT and the worker threads.
 */
async function setteeBuilds(context: BenchContext, size: number, workers: number): Promise<Record<MapName, SetteeBuild>> {
  const dir = await context.fixtures.settee(size);
  const { settee, db } = await openSettee(dir, { workers });
  const builds: Partial<Record<MapName, SetteeBuild>> = {};
  const build = async (map: MapName, ddoc: string): Promise<SetteeBuild> => {
    const start = performance.now();
    const { result, peakRssBytes, peakAnonBytes } = await withPeakRss(async () => {
      const saved = await db.put({ _id: `_design/${ddoc}`, views: { v: { map: tagged(MAPS[map], ddoc) } } });
      const answer = await db.view<{ total_rows: number }>(`${ddoc}/v`, { limit: 1 });
      return { rev: saved.rev, rows: answer.total_rows };
    });
    const rate = size / ((performance.now() - start) / 1000);
    await db.remove(`_design/${ddoc}`, result.rev);
    await settee.views(db).cleanup();
    return { rate, rows: result.rows, peakRssMb: peakRssBytes / MB, peakAnonMb: peakAnonBytes === null ? null : peakAnonBytes / MB };
  };
  try {
    await build('cheap', `warmup-w${workers}`);
    for (const map of BUILD_MAPS) {
      builds[map] = await build(map, `build-${map}-w${workers}`);
      context.log(`view build settee ${map} ${size} w${workers}: ${builds[map]!.rate.toFixed(0)} docs/s, ${builds[map]!.rows} rows`);
    }
  } finally {
    await settee.close();
  }
  return builds as Record<MapName, SetteeBuild>;
}

async function rawRates(context: BenchContext, size: number): Promise<Record<MapName, { rate: number; rows: number }>> {
  const raw = RawLmdbPeer.open(await context.tempDir(`raw-${size}`));
  const rates: Partial<Record<MapName, { rate: number; rows: number }>> = {};
  try {
    await raw.load(context.corpus, size);
    await raw.build(MAPS.cheap);
    for (const map of BUILD_MAPS) {
      const build = await raw.build(MAPS[map]);
      rates[map] = { rate: build.docs / (build.ms / 1000), rows: build.rows };
      if (map === 'cheap') context.plot({ panel: 'build', series: 'raw LMDB, cheap map', size, value: rates[map]!.rate });
      context.log(`view build raw ${map} ${size}: ${rates[map]!.rate.toFixed(0)} docs/s, ${build.rows} rows`);
    }
  } finally {
    await raw.close();
  }
  return rates as Record<MapName, { rate: number; rows: number }>;
}

/** PouchDB's build of each map, at this size or the map's cap (then the note says so). */
async function pouchRates(context: BenchContext, size: number): Promise<Partial<Record<MapName, PeerFigure>>> {
  const rates: Partial<Record<MapName, PeerFigure>> = {};
  for (const map of BUILD_MAPS) {
    const measured = Math.min(size, POUCH_MAX_SIZE[map]);
    if (size > context.sizes[0]! && measured < size) {
      context.note(`view build ${map} at ${sizeLabel(size)}: PouchDB not measured again (too slow at this size).`);
      continue;
    }
    const pouch = PouchPeer.open(await context.fixtures.pouch(measured));
    try {
      await pouch.ensureDesign(`_design/${POUCH_DDOC}`, POUCH_VIEWS);
      const start = performance.now();
      await pouch.query(`${POUCH_DDOC}/${map}`, { reduce: false, limit: 1 });
      const rate = measured / ((performance.now() - start) / 1000);
      if (map === 'cheap') context.plot({ panel: 'build', series: 'PouchDB, cheap map', size: measured, value: rate });
      rates[map] = { name: 'PouchDB', value: rate, ...(measured < size ? { note: `${sizeLabel(measured)} docs` } : {}) };
      context.log(`view build PouchDB ${map} ${measured}: ${rate.toFixed(0)} docs/s`);
    } finally {
      await pouch.close();
    }
  }
  return rates;
}

/**
 * Scenario 3 (issues 3, 4 and 8): view query latency, p50/p99/max over 1000 queries
 * after warm-up, in process and answering from the current index (`update: false`;
 * PouchDB `stale: 'ok'`), for key lookups, limited ranges, reduces and group_level; and
 * write-to-queryable latency: update one document, then query its key with
 * `update=true` until the new value shows. PouchDB runs the same queries on the same
 * documents, with a time budget per query kind (its reduces take ~0.5 s each).
 */
import { availableParallelism } from 'node:os';
import { answerDifference } from '../lib/answers.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { MAPS, POUCH_DDOC, POUCH_VIEWS, REDUCES, type MapName } from '../lib/maps.js';
import { queryCases, samplePostIds, type QueryCase, type QueryView } from '../lib/queries.js';
import { formatValue, row, type ResultRow, type Target } from '../lib/results.js';
import { sizeLabel } from '../lib/report.js';
import { openSettee } from '../lib/settee.js';
import { sampleLatency, summarize, type LatencySummary, type SampleOptions } from '../lib/timing.js';
import { PouchPeer } from '../peers/pouchdb.js';
import type { Database } from '../../engine/index.js';

/**
 * 1000 queries after 100 warm-up ones, unless a query kind is so slow that they would
 * take over 20 s: then as many as fit (at least 20), and the report notes it.
 */
const SETTEE_QUERIES = { iterations: 1000, warmup: 100, budgetMs: 20_000, minIterations: 20 } as const;
/** PouchDB: up to 1000 queries, but at most ~10 s of them and at least 5. */
const POUCH_QUERIES = { iterations: 1000, warmup: 3, budgetMs: 10_000, minIterations: 5 } as const;
const SETTEE_WRITES = 300;
const POUCH_WRITE_BUDGET_MS = 10_000;
/** The quick run is a smoke test: every time budget shrinks by this factor. */
const QUICK_BUDGET_DIVISOR = 5;
/** PouchDB's indexes are built at this size at most (a minute per view at 100k). */
const POUCH_MAX_SIZE = 100_000;
const DDOC = 'q';
const QUERY_VIEWS: readonly QueryView[] = ['reference', 'hour'];
const WRITE_TARGET: Target[] = [{ kind: 'value', bound: 5, unit: 'ms' }];

interface SystemLatencies {
  queries: Map<string, LatencySummary>;
  /** Each case's answer to its first query, to compare between systems. */
  answers: Map<string, unknown>;
  writeToQueryable: LatencySummary;
  viewRows: Record<QueryView, number>;
}

export const queryLatency: Scenario = {
  name: 'query-latency',
  async run(context) {
    const rows: ResultRow[] = [];
    for (const size of context.sizes) {
      const cases = queryCases(context.corpus, size);
      const settee = await setteeLatencies(context, size, cases, rows);
      const pouch = size <= POUCH_MAX_SIZE ? await pouchLatencies(context, size, cases) : undefined;
      if (!pouch) context.note(`query latency at ${sizeLabel(size)}: PouchDB not measured (over ${sizeLabel(POUCH_MAX_SIZE)} docs).`);
      for (const query of cases) {
        const difference = pouch && answerDifference(settee.answers.get(query.label), pouch.answers.get(query.label));
        if (difference) context.note(`query ${query.label} at ${sizeLabel(size)}: Settee and PouchDB disagree: ${difference}.`);
        const label = `query ${query.label}, ${sizeLabel(size)} (${settee.viewRows[query.view]} rows)`;
        const summary = settee.queries.get(query.label)!;
        context.plot({ panel: 'query', series: query.label, size, value: summary.p50Ms });
        rows.push(latencyRow(label, summary, pouch?.queries.get(query.label), query.targets));
      }
      context.plot({ panel: 'query', series: 'write-to-queryable', size, value: settee.writeToQueryable.p50Ms });
      rows.push(latencyRow(`write-to-queryable, one changed doc, ${sizeLabel(size)}`, settee.writeToQueryable, pouch?.writeToQueryable, WRITE_TARGET));
    }
    return rows;
  },
};

function budgeted<T extends SampleOptions>(context: BenchContext, options: T): T {
  return context.quick ? { ...options, budgetMs: (options.budgetMs ?? Infinity) / QUICK_BUDGET_DIVISOR } : options;
}

function latencyRow(scenario: string, settee: LatencySummary, peer: LatencySummary | undefined, targets: Target[]): ResultRow {
  const detail = `p99 ${formatValue(settee.p99Ms, 'ms')}, max ${formatValue(settee.maxMs, 'ms')}, n=${settee.n}`;
  const peerNote = peer ? `p99 ${formatValue(peer.p99Ms, 'ms')}, n=${peer.n}` : undefined;
  return row({
    scenario,
    unit: 'ms',
    settee: settee.p50Ms,
    detail,
    ...(peer ? { peer: { name: 'PouchDB', value: peer.p50Ms, ...(peerNote ? { note: peerNote } : {}) } } : {}),
    ...(targets.length > 0 ? { targets } : {}),
    latency: { settee, ...(peer ? { peer } : {}) },
  });
}

const views = (names: readonly QueryView[]) => Object.fromEntries(names.map((name: MapName) => [name, { map: MAPS[name], reduce: REDUCES[name] }]));

async function setteeLatencies(context: BenchContext, size: number, cases: QueryCase[], rows: ResultRow[]): Promise<SystemLatencies> {
  const { settee, db } = await openSettee(await context.fixtures.settee(size), { workers: availableParallelism() });
  try {
    const start = performance.now();
    await db.put({ _id: `_design/${DDOC}`, views: views(QUERY_VIEWS) });
    const viewRows = await viewSizes(db);
    const buildRate = size / ((performance.now() - start) / 1000);
    rows.push(row({ scenario: `view build, reference + hour maps with _sum, one design doc, ${sizeLabel(size)}`, unit: 'docs/s', settee: buildRate }));
    context.log(`query settee ${size}: views built at ${buildRate.toFixed(0)} docs/s (${viewRows.reference} + ${viewRows.hour} rows)`);
    const queries = new Map<string, LatencySummary>();
    const answers = new Map<string, unknown>();
    for (const query of cases) {
      answers.set(query.label, await db.view(`${DDOC}/${query.view}`, { ...query.options(0), update: false }));
      const summary = await sampleLatency((i) => db.view(`${DDOC}/${query.view}`, { ...query.options(i), update: false }), budgeted(context, SETTEE_QUERIES));
      queries.set(query.label, summary);
      if (summary.n < SETTEE_QUERIES.iterations) context.note(`query ${query.label} at ${sizeLabel(size)}: Settee sampled ${summary.n} queries (time budget), not ${SETTEE_QUERIES.iterations}.`);
      context.log(`query settee ${size} ${query.label}: p50 ${formatValue(summary.p50Ms, 'ms')}`);
    }
    const writeToQueryable = await setteeWrites(context, db, size);
    return { queries, answers, writeToQueryable, viewRows };
  } finally {
    await settee.close();
  }
}

async function viewSizes(db: Database): Promise<Record<QueryView, number>> {
  const sizes: Partial<Record<QueryView, number>> = {};
  for (const view of QUERY_VIEWS) sizes[view] = (await db.view<{ total_rows: number }>(`${DDOC}/${view}`, { reduce: false, limit: 1 })).total_rows;
  return sizes as Record<QueryView, number>;
}

interface RowsResult {
  rows: Array<{ id?: string; value: unknown }>;
}

/** Changes a post's price and times the write plus the `update=true` query that first shows it. */
async function setteeWrites(context: BenchContext, db: Database, size: number): Promise<LatencySummary> {
  const samples: number[] = [];
  let stale = 0;
  for (const [i, id] of samplePostIds(context.corpus, size, SETTEE_WRITES).entries()) {
    const doc = db.get(id) as { _id: string; tags: string[]; ts: string; price: number };
    const price = -(i + 1);
    const start = performance.now();
    await db.put({ ...doc, price });
    const answer = await db.view<RowsResult>(`${DDOC}/reference`, { key: [doc.tags[0], doc.ts], reduce: false });
    samples.push(performance.now() - start);
    if (!answer.rows.some((found) => found.id === id && found.value === price)) stale++;
  }
  if (stale > 0) context.note(`write-to-queryable at ${sizeLabel(size)}: ${stale} of ${samples.length} update=true queries did not show the write.`);
  return summarize(samples);
}

async function pouchLatencies(context: BenchContext, size: number, cases: QueryCase[]): Promise<SystemLatencies> {
  const pouch = PouchPeer.open(await context.fixtures.pouch(size));
  try {
    await pouch.ensureDesign(`_design/${POUCH_DDOC}`, POUCH_VIEWS);
    const viewRows: Partial<Record<QueryView, number>> = {};
    for (const view of QUERY_VIEWS) {
      context.log(`query PouchDB ${size}: building ${view} (untimed)`);
      viewRows[view] = (await pouch.query(`${POUCH_DDOC}/${view}`, { reduce: false, limit: 1 })).total_rows ?? 0;
    }
    const queries = new Map<string, LatencySummary>();
    const answers = new Map<string, unknown>();
    for (const query of cases) {
      answers.set(query.label, await pouch.query(`${POUCH_DDOC}/${query.view}`, { ...query.options(0), stale: 'ok' }));
      const summary = await sampleLatency((i) => pouch.query(`${POUCH_DDOC}/${query.view}`, { ...query.options(i), stale: 'ok' }), budgeted(context, POUCH_QUERIES));
      queries.set(query.label, summary);
      context.log(`query PouchDB ${size} ${query.label}: p50 ${formatValue(summary.p50Ms, 'ms')} (n=${summary.n})`);
    }
    return { queries, answers, writeToQueryable: await pouchWrites(context, pouch, size), viewRows: viewRows as Record<QueryView, number> };
  } finally {
    await pouch.close();
  }
}

async function pouchWrites(context: BenchContext, pouch: PouchPeer, size: number): Promise<LatencySummary> {
  const samples: number[] = [];
  let spent = 0;
  for (const [i, id] of samplePostIds(context.corpus, size, SETTEE_WRITES).entries()) {
    if (spent > POUCH_WRITE_BUDGET_MS / (context.quick ? QUICK_BUDGET_DIVISOR : 1)) break;
    const doc = await pouch.get<{ _id: string; tags: string[]; ts: string }>(id);
    const start = performance.now();
    await pouch.put({ ...doc, price: -(i + 1) });
    await pouch.query(`${POUCH_DDOC}/reference`, { key: [doc.tags[0], doc.ts], reduce: false });
    const elapsed = performance.now() - start;
    samples.push(elapsed);
    spent += elapsed;
  }
  return summarize(samples);
}

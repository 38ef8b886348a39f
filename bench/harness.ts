/**
 * The benchmark runner as a function: picks the scenarios, runs them one after another
 * on the same corpus in one process, judges the targets and writes the report. `run.ts`
 * is its command line; the smoke test calls it directly in quick mode.
 *
 *   const report = await runBench({ size: '100k', quick: false, outDir: 'bench/results' });
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Corpus } from './corpus.js';
import type { ChartPoint } from './lib/chart.js';
import { Fixtures, scratchDirs, type BenchContext } from './lib/context.js';
import { describeMachine, renderTable, writeReport, type Report } from './lib/report.js';
import { judge, type ResultRow } from './lib/results.js';
import { SCENARIOS, type ScenarioEntry } from './scenarios/index.js';

export const SIZES = { '100k': [100_000], '1m': [100_000, 1_000_000] } as const;
export type SizeOption = keyof typeof SIZES;
const QUICK_SIZE = 10_000;

export interface BenchOptions {
  size?: SizeOption;
  quick?: boolean;
  /** Runs only the scenarios whose name contains this. */
  only?: string;
  /** Where latest.json and latest.md go (none written when undefined). */
  outDir?: string;
  /** Parent of the scratch directory (default: the OS temp directory). */
  scratchRoot?: string;
  log?: (message: string) => void;
}

export async function runBench(options: BenchOptions = {}): Promise<Report> {
  const started = Date.now();
  const quick = options.quick ?? false;
  const sizes = quick ? [QUICK_SIZE] : [...SIZES[options.size ?? '100k']];
  const scenarios = selectScenarios(SCENARIOS, options.only);
  const log = options.log ?? ((message: string) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}\n`));
  const machine = describeMachine();
  const root = await mkdtemp(join(options.scratchRoot ?? tmpdir(), 'settee-bench-'));
  const notes: string[] = [];
  const rows: ResultRow[] = [];
  const points: ChartPoint[] = [];
  try {
    const corpus = new Corpus();
    const tempDir = scratchDirs(root);
    const context: BenchContext = {
      quick,
      sizes,
      corpus,
      fixtures: new Fixtures(corpus, tempDir, log),
      tempDir,
      log,
      note: (message) => notes.push(message),
      plot: (point) => points.push(point),
    };
    for (const scenario of scenarios) {
      log(`scenario ${scenario.name}`);
      try {
        rows.push(...(await (await scenario.load()).run(context)));
      } catch (err) {
        const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
        log(`scenario ${scenario.name} failed: ${message}`);
        notes.push(`${scenario.name} failed: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`);
      }
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  for (const result of rows) result.met = quick ? null : judge(result);
  const report: Report = {
    startedAt: new Date(started).toISOString(),
    durationS: (Date.now() - started) / 1000,
    mode: quick ? 'quick' : 'full',
    sizes,
    judged: !quick,
    machine,
    rows,
    notes,
    points,
  };
  if (options.outDir) await writeReport(report, options.outDir);
  return report;
}

function selectScenarios(all: readonly ScenarioEntry[], only: string | undefined): ScenarioEntry[] {
  if (only === undefined) return [...all];
  const selected = all.filter((scenario) => scenario.name.includes(only));
  if (selected.length === 0) throw new Error(`--only ${only} matches no scenario (have: ${all.map((scenario) => scenario.name).join(', ')})`);
  return selected;
}

export { renderTable };

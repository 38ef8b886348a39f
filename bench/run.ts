/**
 * `npm run bench`: runs the benchmark scenarios and prints the table
 * (scenario | Settee | peer | ratio | target | met?), then writes
 * bench/results/latest.json, latest.md and latest.svg (the chart).
 *
 *   npm run bench                      # 100k documents
 *   npm run bench -- --size 1m         # adds the 1M-document runs
 *   npm run bench -- --quick           # 10k-document smoke run, targets not judged
 *   npm run bench -- --only view       # scenarios whose name contains "view"
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderTable, runBench, SIZES, type SizeOption } from './harness.js';

/** bench/results in the source tree (this file runs from dist/bench/). */
const RESULTS_DIR = fileURLToPath(new URL('../../bench/results/', import.meta.url));

function sizeOption(raw: string | undefined): SizeOption {
  if (raw === undefined) return '100k';
  const size = Object.keys(SIZES).find((key) => key === raw.toLowerCase());
  if (!size) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}, got "${raw}"`);
  return size as SizeOption;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const report = await runBench({
    size: sizeOption(values.size),
    quick: values.quick ?? false,
    ...(values.only === undefined ? {} : { only: values.only }),
    outDir: values.out ?? RESULTS_DIR,
  });
  process.stdout.write(`\n${renderTable(report)}\n`);
  for (const note of report.notes) process.stdout.write(`note: ${note}\n`);
  process.stdout.write(`\n${report.durationS.toFixed(0)} s; results in ${values.out ?? RESULTS_DIR}latest.{json,md,svg}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

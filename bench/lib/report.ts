/**
 * The benchmark report: the table printed on stdout, and the JSON and Markdown files
 * written to `bench/results/` (with the machine the run happened on).
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { renderChart, type ChartPoint } from './chart.js';
import { formatRatio, formatTarget, formatValue, type ResultRow } from './results.js';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  loadAverage: number[];
  commit: string | null;
}

export interface Report {
  startedAt: string;
  durationS: number;
  mode: 'quick' | 'full';
  sizes: number[];
  judged: boolean;
  machine: Machine;
  rows: ResultRow[];
  /** Scenarios that failed or were skipped, with the reason. */
  notes: string[];
  /** The chart's points: build throughput and query latency against size. */
  points: ChartPoint[];
}

export function describeMachine(): Machine {
  const cores = cpus();
  let commit: string | null = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    commit = null;
  }
  return {
    cpu: cores[0]?.model.trim() ?? 'unknown',
    cores: cores.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    commit,
  };
}

const HEADERS = ['scenario', 'Settee', 'peer', 'ratio', 'target', 'met?'] as const;

function cells(result: ResultRow, judged: boolean): string[] {
  const peer = result.peer ? `${result.peer.name} ${formatValue(result.peer.value, result.unit)}${result.peer.note ? ` (${result.peer.note})` : ''}` : '—';
  const targets = result.targets?.map(formatTarget).join('; ') || '—';
  const met = !judged || result.met === undefined || result.met === null ? '—' : result.met ? 'yes' : 'NO';
  const settee = formatValue(result.settee, result.unit) + (result.detail ? ` [${result.detail}]` : '');
  return [result.scenario, settee, peer, formatRatio(result.ratio), targets, met];
}

/** The plain-text table for stdout, columns padded to their widest cell. */
export function renderTable(report: Report): string {
  const lines = [HEADERS.slice(), ...report.rows.map((result) => cells(result, report.judged))];
  const widths = HEADERS.map((_, column) => Math.max(...lines.map((line) => line[column]!.length)));
  const format = (line: string[]) => line.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ');
  const rule = widths.map((width) => '-'.repeat(width)).join('-|-');
  return [format(lines[0]!), rule, ...lines.slice(1).map(format)].join('\n');
}

export function renderMarkdown(report: Report): string {
  const { machine } = report;
  const escape = (cell: string) => cell.replaceAll('|', '\\|');
  const out = [
    `# Settee benchmark (${report.mode}, ${report.sizes.map(sizeLabel).join(' + ')} docs)`,
    '',
    `Run ${report.startedAt} in ${report.durationS.toFixed(0)} s on ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}` +
      `${machine.commit ? `, commit ${machine.commit}` : ''}; load average before the run ${machine.loadAverage.join(' / ')}.`,
    report.judged ? '' : '\nQuick run: targets are shown but not judged.\n',
    `| ${HEADERS.join(' | ')} |`,
    `| ${HEADERS.map(() => '---').join(' | ')} |`,
    ...report.rows.map((result) => `| ${cells(result, report.judged).map(escape).join(' | ')} |`),
    '',
    'Ratios are oriented so that higher is better for Settee: throughput is Settee ÷ peer, latency is peer ÷ Settee.',
    '',
    '![Build throughput and query latency against database size](latest.svg)',
  ];
  if (report.notes.length > 0) out.push('', '## Notes', '', ...report.notes.map((note) => `- ${note}`));
  return out.join('\n') + '\n';
}

export async function writeReport(report: Report, outDir: string): Promise<{ json: string; markdown: string; svg: string }> {
  await mkdir(outDir, { recursive: true });
  const json = join(outDir, 'latest.json');
  const markdown = join(outDir, 'latest.md');
  const svg = join(outDir, 'latest.svg');
  await writeFile(json, JSON.stringify(report, null, 2) + '\n');
  await writeFile(markdown, renderMarkdown(report));
  await writeFile(svg, renderChart(report.points));
  return { json, markdown, svg };
}

/** 10000 → "10k", 1000000 → "1M". */
export function sizeLabel(size: number): string {
  return size >= 1e6 && size % 1e6 === 0 ? `${size / 1e6}M` : size >= 1e3 && size % 1e3 === 0 ? `${size / 1e3}k` : String(size);
}

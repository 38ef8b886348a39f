/**
 * What a scenario reports: one row per measured figure, with the peer measured beside
 * it in the same run, the ratio between them, and the targets of issue 8.
 *
 * Ratios are oriented so that higher is better for Settee: throughput is Settee ÷ peer,
 * latency is peer ÷ Settee (how many times faster Settee answers).
 */
import type { LatencySummary } from './timing.js';

export const UNITS = ['docs/s', 'ms', 'ops/s', 'MB'] as const;
export type Unit = (typeof UNITS)[number];

/** Whether a bigger value of a unit is better (throughput) or worse (latency, memory). */
const HIGHER_IS_BETTER: Record<Unit, boolean> = { 'docs/s': true, 'ops/s': true, ms: false, MB: false };

/** A target on Settee's own figure (`value`) or on the ratio to the row's peer (`ratio`). */
export type Target =
  | { kind: 'value'; bound: number; unit: Unit; note?: string }
  | { kind: 'ratio'; bound: number; note?: string };

export interface PeerFigure {
  name: string;
  value: number | null;
  /** How the peer was measured when it differs from Settee (e.g. "20k docs"). */
  note?: string;
}

export interface ResultRow {
  scenario: string;
  unit: Unit;
  settee: number | null;
  peer?: PeerFigure;
  /** Settee relative to the peer, higher is better for Settee. */
  ratio?: number | null;
  targets?: Target[];
  /** true / false once judged; null when there is no target or the run is not judged. */
  met?: boolean | null;
  /** Extra facts: samples taken, rows, p99/max for latencies. */
  detail?: string;
  /** The full latency distributions behind a p50 row. */
  latency?: { settee: LatencySummary; peer?: LatencySummary };
}

export function higherIsBetter(unit: Unit): boolean {
  return HIGHER_IS_BETTER[unit];
}

/** Builds a row, computing the ratio from the peer and leaving judgement to `judge`. */
export function row(fields: Omit<ResultRow, 'ratio' | 'met'>): ResultRow {
  const result: ResultRow = { ...fields };
  if (fields.peer) result.ratio = ratio(fields.settee, fields.peer.value, fields.unit);
  return result;
}

export function ratio(settee: number | null, peer: number | null, unit: Unit): number | null {
  if (settee === null || peer === null || !(settee > 0) || !(peer > 0)) return null;
  return higherIsBetter(unit) ? settee / peer : peer / settee;
}

/** Whether every target of a row holds; null when it has none or a figure is missing. */
export function judge(result: ResultRow): boolean | null {
  const targets = result.targets ?? [];
  if (targets.length === 0) return null;
  let all = true;
  for (const target of targets) {
    const met = meets(result, target);
    if (met === null) return null;
    all &&= met;
  }
  return all;
}

function meets(result: ResultRow, target: Target): boolean | null {
  if (target.kind === 'ratio') return result.ratio === undefined || result.ratio === null ? null : result.ratio >= target.bound;
  if (result.settee === null) return null;
  return higherIsBetter(target.unit) ? result.settee >= target.bound : result.settee <= target.bound;
}

export function formatTarget(target: Target): string {
  const text = target.kind === 'ratio' ? `≥ ${formatRatio(target.bound)}` : `${higherIsBetter(target.unit) ? '≥' : '≤'} ${formatValue(target.bound, target.unit)}`;
  return target.note ? `${text} (${target.note})` : text;
}

export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${value >= 100 ? Math.round(value) : value >= 10 ? value.toFixed(1) : value.toFixed(2)}×`;
}

export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'docs/s':
    case 'ops/s':
      return `${compact(value)} ${unit}`;
    case 'ms':
      return value < 0.1 ? `${(value * 1000).toFixed(1)} µs` : value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(0)} ms`;
    case 'MB':
      return `${value.toFixed(0)} MB`;
  }
}

function compact(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(0)}k`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return value.toFixed(0);
}

/**
 * Timing primitives for macro scenarios: a stopwatch for throughput, and a latency
 * sampler that warms up, then runs a query many times and reports p50/p99/max.
 *
 *   const latency = await sampleLatency((i) => db.view('q/ref', { key: keys[i % keys.length] }), { iterations: 1000 });
 *   latency.p50Ms; // median in milliseconds
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface LatencySummary {
  /** Timed samples taken (after warm-up). */
  n: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
}

export interface SampleOptions {
  /** Timed samples wanted (default 1000). */
  iterations?: number;
  /** Untimed calls first (default 50, or a tenth of the iterations if fewer), within a quarter of `budgetMs`. */
  warmup?: number;
  /**
   * Stop early once this much time went into timed samples, keeping at least
   * `minIterations`: used for slow peers (a PouchDB reduce costs ~0.5 s per call).
   */
  budgetMs?: number;
  minIterations?: number;
}

const DEFAULT_ITERATIONS = 1000;
const DEFAULT_WARMUP = 50;
const DEFAULT_MIN_ITERATIONS = 5;
const WARMUP_BUDGET_SHARE = 4;

/** Runs `call(i)` for i = 0, 1, 2, ... and summarises the latency of each call. */
export async function sampleLatency(call: (i: number) => unknown, options: SampleOptions = {}): Promise<LatencySummary> {
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  const warmup = options.warmup ?? Math.min(DEFAULT_WARMUP, Math.ceil(iterations / 10));
  const budgetMs = options.budgetMs ?? Infinity;
  const minIterations = options.minIterations ?? DEFAULT_MIN_ITERATIONS;
  // Warm-up gets a quarter of the budget (at least one call), so a slow query kind
  // does not spend minutes before its first timed sample.
  const warmupEnd = performance.now() + budgetMs / WARMUP_BUDGET_SHARE;
  let i = 0;
  for (; i < warmup && (i === 0 || performance.now() < warmupEnd); i++) await call(i);
  const samples: number[] = [];
  let spent = 0;
  while (samples.length < iterations && (spent < budgetMs || samples.length < minIterations)) {
    const start = performance.now();
    await call(i++);
    const elapsed = performance.now() - start;
    samples.push(elapsed);
    spent += elapsed;
  }
  return summarize(samples);
}

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const total = sorted.reduce((sum, value) => sum + value, 0);
  return { n: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted[sorted.length - 1] ?? NaN, meanMs: total / sorted.length };
}

/** Accumulates the duration of the timed sections of a loop (e.g. around each bulk write). */
export class Stopwatch {
  private totalMs = 0;

  async time<T>(section: () => Promise<T> | T): Promise<T> {
    const start = performance.now();
    try {
      return await section();
    } finally {
      this.totalMs += performance.now() - start;
    }
  }

  get ms(): number {
    return this.totalMs;
  }

  /** Items per second over the timed sections. */
  rate(items: number): number {
    return items / (this.totalMs / 1000);
  }
}

/**
 * Peak resident set size seen while `run` runs, sampled every `intervalMs`; on Linux also
 * the peak of its anonymous part (heap, buffers), since RSS counts LMDB's memory-mapped
 * file pages too.
 */
export async function withPeakRss<T>(run: () => Promise<T>, intervalMs = 50): Promise<{ result: T; peakRssBytes: number; peakAnonBytes: number | null }> {
  let peak = process.memoryUsage.rss();
  let peakAnon = anonymousRss();
  const sample = () => {
    peak = Math.max(peak, process.memoryUsage.rss());
    const anon = anonymousRss();
    if (anon !== null) peakAnon = Math.max(peakAnon ?? 0, anon);
  };
  const timer = setInterval(sample, intervalMs);
  try {
    const result = await run();
    sample();
    return { result, peakRssBytes: peak, peakAnonBytes: peakAnon };
  } finally {
    clearInterval(timer);
  }
}

const KIB = 1024;

/** `RssAnon` from /proc/self/status in bytes, or null where there is no procfs. */
function anonymousRss(): number | null {
  try {
    const match = /^RssAnon:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return match ? Number(match[1]) * KIB : null;
  } catch {
    return null;
  }
}

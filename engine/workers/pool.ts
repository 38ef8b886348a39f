/**
 * The only module that touches piscina: a pool of worker threads running users' map and
 * index functions. A task that overruns its deadline (a function stuck outside the
 * sandbox's own time limit) is aborted, which makes piscina replace that worker.
 */
import { Piscina } from 'piscina';
import type { WorkerResult, WorkerTask } from './protocol.js';

export interface PoolOptions {
  threads: number;
  /** The per-document time limit; a task's deadline is derived from it. */
  timeoutMs: number;
}

/** Slack on top of the per-document limits before a whole task is considered stuck. */
const TASK_DEADLINE_SLACK_MS = 10_000;

export class WorkerPool {
  private readonly piscina: Piscina;
  private readonly timeoutMs: number;

  constructor(options: PoolOptions) {
    this.timeoutMs = options.timeoutMs;
    this.piscina = new Piscina({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: options.threads,
      maxThreads: options.threads,
      idleTimeout: Infinity,
      // Each batch is a large task; queueing a few per thread keeps threads busy.
      concurrentTasksPerWorker: 1,
    });
  }

  get threads(): number {
    return this.piscina.threads.length;
  }

  async run<T extends WorkerTask>(task: T): Promise<WorkerResult<T>> {
    const deadline = this.timeoutMs * Math.max(task.docs.length, 1) + TASK_DEADLINE_SLACK_MS;
    return (await this.piscina.run(task, { signal: AbortSignal.timeout(deadline) })) as WorkerResult<T>;
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
  }
}

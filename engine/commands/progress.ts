/**
 * Progress of a long job: a bar with count, rate and ETA on a TTY (cli-progress),
 * plain log lines otherwise (so logs stay one JSON event stream when piped).
 */
import cliProgress from 'cli-progress';
import type { Logger } from '../logger.js';

export interface Progress {
  update(done: number, total?: number): void;
  stop(): void;
}

/** How often non-TTY progress is logged. */
const LOG_INTERVAL_MS = 2000;

export function createProgress(label: string, total: number, logger: Logger): Progress {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted}`, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    const started = Date.now();
    bar.start(total, 0, { rate: 0 });
    return {
      update: (done, newTotal) => {
        if (newTotal !== undefined) bar.setTotal(newTotal);
        bar.update(done, { rate: Math.round(done / Math.max((Date.now() - started) / 1000, 0.001)) });
      },
      stop: () => bar.stop(),
    };
  }
  const started = Date.now();
  let lastLog = 0;
  let latest = 0;
  const log = (done: number) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    logger.info({ job: label, done, total, rate: Math.round(done / seconds) }, 'progress');
  };
  return {
    update: (done, newTotal) => {
      if (newTotal !== undefined) total = newTotal;
      latest = done;
      if (Date.now() - lastLog >= LOG_INTERVAL_MS) {
        lastLog = Date.now();
        log(done);
      }
    },
    stop: () => log(latest),
  };
}

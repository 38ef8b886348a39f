/** The process's one event stream: JSON lines on stdout (pino), one line per event. */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

/**
 * @param fd where the events go: stdout for the server and jobs; stderr for commands such
 *   as `settee query` whose stdout is their answer.
 */
export function createLogger(level: LogLevel, fd: 1 | 2 = 1): Logger {
  return pino({ level, base: { app: 'settee' }, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination({ fd, sync: true }));
}

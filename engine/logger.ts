/** The process's one event stream: JSON lines on stdout (pino), one line per event. */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';

export type { Logger };

export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { app: 'settee' }, timestamp: pino.stdTimeFunctions.isoTime });
}

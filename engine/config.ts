/**
 * Configuration, twelve-factor style: every setting comes from an environment variable,
 * and the CLI's flags are a convenience that override them. Validation names the
 * variable at fault.
 */
import { availableParallelism } from 'node:os';
import { SetteeError } from '../views/index.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  workers: number;
  logLevel: LogLevel;
  admin: { user: string; password: string } | undefined;
  maxDocBytes: number;
  maxRequestBytes: number;
  mapTimeoutMs: number;
  /** Sidecar mode: a remote database to mirror and index. */
  follow: { url: string; into: string | undefined; auth: string | undefined } | undefined;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The environment variables Settee reads, with their defaults and meaning (for --help and the README). */
export const ENVIRONMENT = {
  PORT: ['5984', 'HTTP port'],
  HOST: ['127.0.0.1', 'interface to listen on'],
  SETTEE_DATA_DIR: ['./data', 'directory holding one LMDB environment per database'],
  SETTEE_WORKERS: ['number of cores', 'worker threads that run map and index functions'],
  SETTEE_LOG_LEVEL: ['info', `one of ${LOG_LEVELS.join(', ')}`],
  SETTEE_ADMIN: ['(unset)', 'user:password; when set, database and design-document writes need these Basic credentials'],
  SETTEE_MAX_DOC_BYTES: ['8000000', 'largest accepted document (413 beyond)'],
  SETTEE_MAX_REQUEST_BYTES: ['268435456', 'largest accepted request body, e.g. for _bulk_docs (413 beyond)'],
  SETTEE_MAP_TIMEOUT_MS: ['5000', 'time limit for one map or index function call on one document'],
  SETTEE_FOLLOW: ['(unset)', 'URL of a remote CouchDB database to mirror and index (sidecar mode)'],
  SETTEE_FOLLOW_INTO: ['last path segment of SETTEE_FOLLOW', 'local database that holds the mirror'],
  SETTEE_FOLLOW_AUTH: ['(unset)', 'user:password for the remote, when not in the URL (never logged)'],
} as const;

export type EnvName = keyof typeof ENVIRONMENT;
export type ConfigOverrides = Partial<Record<EnvName, string>>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const read = (name: EnvName): string | undefined => overrides[name] ?? env[name] ?? undefined;
  return {
    port: integer('PORT', read('PORT'), 5984, { min: 0, max: 65535 }),
    host: read('HOST') || '127.0.0.1',
    dataDir: read('SETTEE_DATA_DIR') || './data',
    workers: integer('SETTEE_WORKERS', read('SETTEE_WORKERS'), availableParallelism(), { min: 1, max: 256 }),
    logLevel: logLevel(read('SETTEE_LOG_LEVEL')),
    admin: admin(read('SETTEE_ADMIN')),
    maxDocBytes: integer('SETTEE_MAX_DOC_BYTES', read('SETTEE_MAX_DOC_BYTES'), 8_000_000, { min: 1 }),
    maxRequestBytes: integer('SETTEE_MAX_REQUEST_BYTES', read('SETTEE_MAX_REQUEST_BYTES'), 268_435_456, { min: 1 }),
    mapTimeoutMs: integer('SETTEE_MAP_TIMEOUT_MS', read('SETTEE_MAP_TIMEOUT_MS'), 5000, { min: 1 }),
    follow: follow(read('SETTEE_FOLLOW'), read('SETTEE_FOLLOW_INTO'), read('SETTEE_FOLLOW_AUTH')),
  };
}

function invalid(name: string, reason: string): SetteeError {
  return new SetteeError(400, 'invalid_config', `${name} ${reason}`);
}

function integer(name: string, raw: string | undefined, fallback: number, bounds: { min: number; max?: number }): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < bounds.min || (bounds.max !== undefined && value > bounds.max)) {
    const range = bounds.max === undefined ? `>= ${bounds.min}` : `between ${bounds.min} and ${bounds.max}`;
    throw invalid(name, `must be an integer ${range}, got "${raw}"`);
  }
  return value;
}

function logLevel(raw: string | undefined): LogLevel {
  if (raw === undefined || raw === '') return 'info';
  const level = LOG_LEVELS.find((candidate) => candidate === raw.toLowerCase());
  if (!level) throw invalid('SETTEE_LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
  return level;
}

function admin(raw: string | undefined): Config['admin'] {
  if (raw === undefined || raw === '') return undefined;
  const colon = raw.indexOf(':');
  if (colon <= 0) throw invalid('SETTEE_ADMIN', 'must be user:password');
  return { user: raw.slice(0, colon), password: raw.slice(colon + 1) };
}

function follow(url: string | undefined, into: string | undefined, auth: string | undefined): Config['follow'] {
  if (url === undefined || url === '') return undefined;
  try {
    new URL(url);
  } catch {
    throw invalid('SETTEE_FOLLOW', 'must be an http(s) URL of a database');
  }
  return { url, into: into || undefined, auth: auth || undefined };
}

#!/usr/bin/env node
/**
 * The `settee` command line. Every flag has an environment-variable twin (see
 * `config.ts`); flags win. Logs go to stdout as JSON lines.
 */
import { Command } from 'commander';
import { SetteeError } from '../views/index.js';
import { ENVIRONMENT, loadConfig, type ConfigOverrides } from './config.js';
import { createLogger } from './logger.js';
import { loadFile } from './commands/load.js';
import { queryView } from './commands/query.js';
import { startService } from './service.js';
import { Settee } from './settee.js';
import { serviceExtensions } from './extensions.js';
import { SETTEE_VERSION } from './version.js';

/** SIGTERM/SIGINT must finish within this, even if something hangs. */
const SHUTDOWN_DEADLINE_MS = 4500;

interface CommonFlags {
  port?: string;
  host?: string;
  dataDir?: string;
  workers?: string;
  logLevel?: string;
  admin?: string;
}

function overrides(flags: CommonFlags): ConfigOverrides {
  const result: ConfigOverrides = {};
  if (flags.port !== undefined) result.PORT = flags.port;
  if (flags.host !== undefined) result.HOST = flags.host;
  if (flags.dataDir !== undefined) result.SETTEE_DATA_DIR = flags.dataDir;
  if (flags.workers !== undefined) result.SETTEE_WORKERS = flags.workers;
  if (flags.logLevel !== undefined) result.SETTEE_LOG_LEVEL = flags.logLevel;
  if (flags.admin !== undefined) result.SETTEE_ADMIN = flags.admin;
  return result;
}

function withCommonFlags(command: Command): Command {
  return command
    .option('--data-dir <dir>', 'SETTEE_DATA_DIR')
    .option('--workers <n>', 'SETTEE_WORKERS')
    .option('--log-level <level>', 'SETTEE_LOG_LEVEL');
}

const envHelp = Object.entries(ENVIRONMENT)
  .map(([name, [fallback, meaning]]) => `  ${name.padEnd(26)} ${meaning} (default: ${fallback})`)
  .join('\n');

const program = new Command()
  .name('settee')
  .description('Incremental CouchDB-style views and full-text search on LMDB')
  .version(SETTEE_VERSION)
  .addHelpText('after', `\nEnvironment variables (flags override them):\n${envHelp}\n`);

withCommonFlags(program.command('serve').description('run the CouchDB-compatible HTTP server'))
  .option('--port <port>', 'PORT')
  .option('--host <host>', 'HOST')
  .option('--admin <user:password>', 'SETTEE_ADMIN')
  .action(async (flags: CommonFlags) => {
    const config = loadConfig(process.env, overrides(flags));
    const logger = createLogger(config.logLevel);
    const service = await startService(config, serviceExtensions(), logger);
    const shutdown = (signal: string) => {
      logger.info({ signal }, 'shutdown requested');
      setTimeout(() => {
        logger.error('shutdown deadline passed, exiting');
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      service.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
  });

withCommonFlags(program.command('load <db> <file>').description('bulk-load documents from a .ndjson or .json file'))
  .action(async (db: string, file: string, flags: CommonFlags) => {
    const config = loadConfig(process.env, overrides(flags));
    await loadFile(config, createLogger(config.logLevel), db, file);
  });

withCommonFlags(
  program
    .command('query <db> <view> [params]')
    .description('query a view ("<ddoc>/<view>") with a CouchDB query string, e.g. \'group_level=1&limit=10\'; shows build progress')
    .option('--update <when>', 'true (build first, with a progress bar), false or lazy', 'true'),
).action(async (db: string, view: string, params: string | undefined, flags: CommonFlags & { update: string }) => {
  const config = loadConfig(process.env, overrides(flags));
  const query = new URLSearchParams(params ?? '');
  if (!query.has('update')) query.set('update', flags.update);
  const result = await queryView(config, createLogger(config.logLevel, 2), { db, view, params: query.toString() });
  process.stdout.write(`${JSON.stringify(result)}\n`);
});

withCommonFlags(program.command('follow <url>').description('mirror a remote CouchDB database into a local one and index it (sidecar)'))
  .option('--into <db>', 'SETTEE_FOLLOW_INTO')
  .action(async (url: string, flags: CommonFlags & { into?: string }) => {
    const config = loadConfig(process.env, overrides(flags));
    const logger = createLogger(config.logLevel);
    const settee = await Settee.open({ dir: config.dataDir, workers: config.workers, functionTimeoutMs: config.mapTimeoutMs, logger });
    const auth = process.env.SETTEE_FOLLOW_AUTH;
    await settee.follow(url, { ...(flags.into ? { into: flags.into } : {}), ...(auth ? { auth } : {}) });
    const stop = () => void settee.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  const message = err instanceof SetteeError ? `${err.error}: ${err.reason}` : String(err);
  process.stderr.write(`settee: ${message}\n`);
  process.exit(1);
});

/**
 * The server process: open the data directory, start the indexers, listen, and stop
 * gracefully. `stop()` stops accepting connections, ends live feeds, lets in-flight
 * requests and transactions finish, and closes LMDB.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { buildServer, type RouteGroup } from './server/app.js';
import { Settee } from './settee.js';

/** How long in-flight requests may take to finish once shutdown begins. */
const CONNECTION_GRACE_MS = 1000;

export interface Service {
  settee: Settee;
  app: FastifyInstance;
  logger: Logger;
  /** The address actually bound (the port is chosen by the OS when PORT=0). */
  url: string;
  stop(): Promise<void>;
}

/** Extensions (views, search) plug in here: routes to add and work to start and stop. */
export interface ServiceExtension {
  routes?: RouteGroup[];
  start?(settee: Settee, config: Config, logger: Logger): Promise<void> | void;
  stop?(): Promise<void> | void;
}

export async function startService(config: Config, extensions: ServiceExtension[] = [], logger = createLogger(config.logLevel)): Promise<Service> {
  const started = Date.now();
  const settee = await Settee.open({ dir: config.dataDir, workers: config.workers, functionTimeoutMs: config.mapTimeoutMs, logger });
  for (const extension of extensions) await extension.start?.(settee, config, logger);
  if (config.follow) {
    const { url, into, auth } = config.follow;
    await settee.follow(url, { ...(into ? { into } : {}), ...(auth ? { auth } : {}) });
  }
  const shutdown = new AbortController();
  const app = buildServer(
    { settee, config, logger, shutdown: shutdown.signal },
    extensions.flatMap((extension) => extension.routes ?? []),
  );
  const url = await app.listen({ port: config.port, host: config.host });
  logger.info({ url, dataDir: config.dataDir, workers: config.workers, ms: Date.now() - started }, 'settee listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      logger.info('settee stopping');
      shutdown.abort();
      // Keep-alive clients may keep sending requests on open connections; give in-flight
      // requests a grace period, then close every connection so `close` can finish.
      const grace = setTimeout(() => app.server.closeAllConnections(), CONNECTION_GRACE_MS);
      await app.close();
      clearTimeout(grace);
      for (const extension of extensions) await extension.stop?.();
      await settee.close();
      logger.info('settee stopped');
    })());
  return { settee, app, logger, url, stop };
}

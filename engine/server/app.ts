/**
 * The CouchDB-compatible HTTP server: a fastify instance with JSON in and out, errors in
 * CouchDB's `{"error", "reason"}` shape, one log line per request, and the route groups
 * registered by the modules that own them.
 */
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { errors, SetteeError } from '../../views/index.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Settee } from '../settee.js';
import { registerChangesRoutes } from './changes-routes.js';
import { NonJsonBody } from './params.js';
import { registerDatabaseRoutes } from './database-routes.js';
import { registerDocumentRoutes } from './document-routes.js';
import { registerServerRoutes } from './server-routes.js';

/** What route groups need: the store, the configuration and the logger. */
export interface ServerContext {
  settee: Settee;
  config: Config;
  logger: Logger;
  /** Aborted when the server shuts down, so long-lived feeds end and let it close. */
  shutdown: AbortSignal;
}

/** A module that adds routes (views, search) registers itself through this signature. */
export type RouteGroup = (app: FastifyInstance, context: ServerContext) => void;

export function buildServer(context: ServerContext, extraRoutes: RouteGroup[] = []): FastifyInstance {
  const app: FastifyInstance = Fastify({
    loggerInstance: context.logger as FastifyBaseLogger,
    disableRequestLogging: true,
    bodyLimit: context.config.maxRequestBytes,
    routerOptions: { ignoreTrailingSlash: true },
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text.length === 0) return done(null, undefined);
    request.rawBodyBytes = Buffer.byteLength(text);
    try {
      done(null, JSON.parse(text));
    } catch {
      // A JSON request that is not JSON is a 400 now; any other content type is left to
      // the route, which answers 415 where CouchDB requires JSON and 400 elsewhere.
      const declaredJson = (request.headers['content-type'] ?? 'application/json').startsWith('application/json');
      if (declaredJson) done(errors.badRequest('invalid UTF-8 JSON'), undefined);
      else done(null, new NonJsonBody(text));
    }
  });

  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, path: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 100) / 100 },
      'request',
    );
    done();
  });

  app.setErrorHandler((error: FastifyError | SetteeError, request, reply) => {
    const couchError = toCouchError(error);
    if (couchError.status >= 500) request.log.error({ err: error }, 'request failed');
    reply.code(couchError.status).type('application/json').send(couchError.toJSON());
  });
  app.setNotFoundHandler((_request, reply) => {
    reply.code(404).send(errors.notFound('missing').toJSON());
  });

  for (const group of [registerServerRoutes, registerDatabaseRoutes, registerChangesRoutes, registerDocumentRoutes, ...extraRoutes]) {
    group(app, context);
  }
  return app;
}

function toCouchError(error: FastifyError | SetteeError): SetteeError {
  if (error instanceof SetteeError) return error;
  if (error.statusCode === 413) return new SetteeError(413, 'too_large', 'the request entity is too large');
  if (error.statusCode === 415) return errors.unsupportedMediaType('Content-Type must be application/json');
  if (error.statusCode && error.statusCode < 500) return new SetteeError(error.statusCode, 'bad_request', error.message);
  return errors.internal(error.message);
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Size of the JSON body as received, for the per-document size limit. */
    rawBodyBytes?: number;
  }
}

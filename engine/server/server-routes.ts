/** Server-level endpoints: the welcome banner, health, the database list, uuids. */
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { ServerContext } from './app.js';
import { nonNegativeInt } from './params.js';
import { route } from './routing.js';
import { SETTEE_VERSION } from '../version.js';

/** CouchDB clients check this to learn what they talk to; Settee implements CouchDB 3's API. */
const COUCHDB_API_VERSION = '3.5.0';
const MAX_UUIDS = 1000;

export function registerServerRoutes(app: FastifyInstance, { settee }: ServerContext): void {
  route(app, '/', {
    GET: () => ({
      couchdb: 'Welcome',
      version: COUCHDB_API_VERSION,
      vendor: { name: 'settee', version: SETTEE_VERSION },
      features: ['views', 'search', 'dbcopy'],
    }),
  });
  route(app, '/_up', { GET: () => ({ status: 'ok' }) });
  route(app, '/_all_dbs', { GET: () => settee.allDbs() });
  route(app, '/_uuids', {
    GET: (request) => {
      const count = Math.min(nonNegativeInt(request.query as Record<string, string>, 'count') ?? 1, MAX_UUIDS);
      return { uuids: Array.from({ length: count }, () => randomUUID().replaceAll('-', '')) };
    },
  });
}

/** `/{db}`: create, inspect, delete a database, and POST a document into it. */
import type { FastifyInstance } from 'fastify';
import type { Doc } from '../documents/types.js';
import type { ServerContext } from './app.js';
import { requireAdmin } from './auth.js';
import { checkDocSize, requireDesignAdmin } from './document-routes.js';
import { objectBody } from './params.js';
import { route } from './routing.js';

export function registerDatabaseRoutes(app: FastifyInstance, context: ServerContext): void {
  const { settee, config } = context;
  route(app, '/:db', {
    GET: async (request) => (await settee.database(request.params.db!)).info(),
    PUT: async (request, reply) => {
      requireAdmin(request, config.admin);
      await settee.createDatabase(request.params.db!);
      reply.code(201);
      return { ok: true };
    },
    DELETE: async (request) => {
      requireAdmin(request, config.admin);
      await settee.deleteDatabase(request.params.db!);
      return { ok: true };
    },
    POST: async (request, reply) => {
      const db = await settee.database(request.params.db!);
      const doc = objectBody(request.body);
      checkDocSize(request, config);
      requireDesignAdmin(request, config, doc._id);
      const result = await db.put(doc as Doc);
      reply.code(201).header('Location', `/${encodeURIComponent(db.name)}/${encodeURIComponent(result.id)}`);
      return result;
    },
  });
}

/**
 * How routes are declared: one path, a handler per HTTP method, and CouchDB's 405
 * (with an `Allow` header) for every other method, so a wrong method never falls
 * through to a 404.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SetteeError } from '../../views/index.js';

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH'] as const;
export type Method = (typeof METHODS)[number];

export type Params = Record<string, string>;
export type Handler = (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => Promise<unknown> | unknown;

export function route(app: FastifyInstance, path: string, handlers: Partial<Record<Method, Handler>>): void {
  const allowed = Object.keys(handlers).join(',');
  app.route<{ Params: Params }>({
    method: [...METHODS],
    url: path,
    handler: async (request, reply) => {
      const handler = handlers[request.method as Method] ?? (request.method === 'HEAD' ? handlers.GET : undefined);
      if (!handler) {
        reply.header('Allow', allowed);
        throw new SetteeError(405, 'method_not_allowed', `Only ${allowed} allowed`);
      }
      return handler(request, reply);
    },
  });
}

/**
 * Documents over HTTP: `/{db}/{docid}`, `/{db}/_design/{name}`, `/{db}/_local/{name}`,
 * `/{db}/_bulk_docs` and `/{db}/_all_docs`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AllDocsOptions } from '../documents/all-docs.js';
import type { Doc } from '../documents/types.js';
import { errors, SetteeError } from '../../views/index.js';
import type { Config } from '../config.js';
import type { ServerContext } from './app.js';
import { requireAdmin } from './auth.js';
import { bool, json, last, nonNegativeInt, objectBody, type Query } from './params.js';
import { route, type Params } from './routing.js';

type DocRequest = FastifyRequest<{ Params: Params }>;

export function checkDocSize(request: FastifyRequest, config: Config): void {
  if ((request.rawBodyBytes ?? 0) > config.maxDocBytes) {
    throw new SetteeError(413, 'document_too_large', 'Document exceeds the maximum document size');
  }
}

/** Design documents are code the server will run: writing one needs admin credentials. */
export function requireDesignAdmin(request: FastifyRequest, config: Config, id: unknown): void {
  if (typeof id === 'string' && id.startsWith('_design/')) requireAdmin(request, config.admin);
}

export function registerDocumentRoutes(app: FastifyInstance, context: ServerContext): void {
  const { settee, config } = context;
  const database = (request: DocRequest) => settee.database(request.params.db!);

  const documentHandlers = (idOf: (params: Params) => string) => ({
    GET: async (request: DocRequest) => {
      const query = request.query as Query;
      return (await database(request)).get(idOf(request.params), {
        ...(last(query, 'rev') === undefined ? {} : { rev: last(query, 'rev')! }),
        local_seq: bool(query, 'local_seq') === true,
      });
    },
    PUT: async (request: DocRequest, reply: FastifyReply) => {
      const id = idOf(request.params);
      const db = await database(request);
      const body = objectBody(request.body);
      checkDocSize(request, config);
      requireDesignAdmin(request, config, id);
      if (body._id !== undefined && body._id !== id) throw errors.badRequest('Document id must match the URL');
      const rev = last(request.query as Query, 'rev') ?? (body._rev as string | undefined);
      const result = await db.put({ ...(body as Doc), _id: id, ...(rev === undefined ? {} : { _rev: rev }) });
      reply.code(201).header('ETag', `"${result.rev}"`);
      return result;
    },
    DELETE: async (request: DocRequest) => {
      const id = idOf(request.params);
      const db = await database(request);
      requireDesignAdmin(request, config, id);
      const rev = last(request.query as Query, 'rev') ?? ifMatch(request);
      return db.remove(id, rev);
    },
  });

  route(app, '/:db/:docid', documentHandlers((params) => params.docid!));
  route(app, '/:db/_design/:name', documentHandlers((params) => `_design/${params.name}`));
  route(app, '/:db/_local/:name', documentHandlers((params) => `_local/${params.name}`));

  route(app, '/:db/_bulk_docs', {
    POST: async (request, reply) => {
      const db = await database(request);
      const body = objectBody(request.body);
      if (!Array.isArray(body.docs)) throw errors.badRequest('POST body must include `docs` parameter.');
      for (const doc of body.docs) requireDesignAdmin(request, config, (doc as Doc | null)?._id);
      reply.code(201);
      return db.bulkDocs(body.docs);
    },
  });

  const allDocs = async (request: DocRequest) => {
    const db = await database(request);
    const options = allDocsOptions(request.query as Query);
    if (request.method === 'POST') {
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        throw errors.unsupportedMediaType('Content-Type must be application/json');
      }
      const body = objectBody(request.body ?? {});
      if (body.keys !== undefined) {
        if (!Array.isArray(body.keys)) throw errors.badRequest('`keys` member must be an array.');
        options.keys = body.keys as string[];
      }
    }
    return db.allDocs(options);
  };
  route(app, '/:db/_all_docs', { GET: allDocs, POST: allDocs });
}

function ifMatch(request: FastifyRequest): string | undefined {
  const header = request.headers['if-match'];
  return typeof header === 'string' ? header.replaceAll('"', '') : undefined;
}

function allDocsOptions(query: Query): AllDocsOptions {
  const options: AllDocsOptions = {};
  const key = json(query, 'key');
  const start = json(query, 'startkey') ?? json(query, 'start_key');
  const end = json(query, 'endkey') ?? json(query, 'end_key');
  const keys = json(query, 'keys');
  if (key !== undefined) options.key = String(key);
  if (start !== undefined) options.startkey = String(start);
  if (end !== undefined) options.endkey = String(end);
  if (keys !== undefined) {
    if (!Array.isArray(keys)) throw errors.queryParse('`keys` must be an array of strings.');
    options.keys = keys as string[];
  }
  const flags = ['inclusive_end', 'descending', 'include_docs', 'update_seq'] as const;
  for (const flag of flags) {
    const value = bool(query, flag);
    if (value !== undefined) options[flag] = value;
  }
  const limit = nonNegativeInt(query, 'limit');
  const skip = nonNegativeInt(query, 'skip');
  if (limit !== undefined) options.limit = limit;
  if (skip !== undefined) options.skip = skip;
  return options;
}

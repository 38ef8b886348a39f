/**
 * Full-text search endpoints: `GET|POST /{db}/_design/{ddoc}/_search/{index}`,
 * `GET .../_search_info/{index}`, `GET .../_search_disk_size/{index}`, the search-as-you-type `GET .../_suggest/{index}?q=&limit=`,
 * `POST /{db}/_search_cleanup` and `GET|POST /_search_analyze`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../../views/index.js';
import { analyzeText } from '../../search/analysis/index.js';
import { paramsFromBody, paramsFromQueryString } from '../../search/index/index.js';
import type { ServerContext } from './app.js';
import { requireAdmin } from './auth.js';
import { route, type Params } from './routing.js';

type SearchRequest = FastifyRequest<{ Params: Params }>;

export function registerSearchRoutes(app: FastifyInstance, context: ServerContext): void {
  const { settee, config } = context;
  const engineFor = async (request: SearchRequest) => settee.search(await settee.database(request.params.db!));

  const search = async (request: SearchRequest) => {
    const engine = await engineFor(request);
    const params = request.method === 'POST' ? paramsFromBody(jsonBody(request)) : paramsFromQueryString(queryPairs(request));
    return engine.query(request.params.ddoc!, request.params.index!, params);
  };
  route(app, '/:db/_design/:ddoc/_search/:index', { GET: search, POST: search });

  route(app, '/:db/_design/:ddoc/_search_info/:index', {
    GET: async (request) => (await engineFor(request)).info(request.params.ddoc!, request.params.index!),
  });

  route(app, '/:db/_design/:ddoc/_search_disk_size/:index', {
    GET: async (request) => {
      const { name, search_index } = (await engineFor(request)).info(request.params.ddoc!, request.params.index!);
      return { name, search_index: { disk_size: search_index.disk_size } };
    },
  });

  route(app, '/:db/_design/:ddoc/_suggest/:index', {
    GET: async (request) => {
      const query = Object.fromEntries(queryPairs(request));
      return (await engineFor(request)).suggest(request.params.ddoc!, request.params.index!, query);
    },
  });

  route(app, '/:db/_search_cleanup', {
    POST: async (request, reply) => {
      requireAdmin(request, config.admin);
      await (await engineFor(request)).cleanup();
      reply.code(202);
      return { ok: true };
    },
  });

  const analyze = (request: SearchRequest) => {
    const params = request.method === 'POST' ? paramsFromBody(jsonBody(request)) : Object.fromEntries(queryPairs(request));
    const { analyzer, text } = params as { analyzer?: unknown; text?: unknown };
    if (analyzer === undefined) throw errors.badRequest('analyzer parameter is mandatory');
    if (typeof analyzer !== 'string' && (typeof analyzer !== 'object' || analyzer === null)) throw errors.badRequest('analyzer parameter must be a string or an object');
    if (text === undefined) throw errors.badRequest('text parameter is mandatory');
    if (typeof text !== 'string') throw errors.badRequest('text parameter must be a string');
    return { tokens: analyzeText(analyzer, text) };
  };
  route(app, '/_search_analyze', { GET: analyze, POST: analyze });
}

function queryPairs(request: FastifyRequest): Array<[string, string]> {
  const url = request.raw.url ?? '';
  const question = url.indexOf('?');
  return [...new URLSearchParams(question < 0 ? '' : url.slice(question + 1))];
}

/** Search POST bodies must be JSON (415 otherwise). */
function jsonBody(request: FastifyRequest): unknown {
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) throw errors.unsupportedMediaType('Content-Type must be application/json');
  return request.body ?? {};
}

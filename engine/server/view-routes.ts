/**
 * View endpoints: `GET|POST /{db}/_design/{ddoc}/_view/{view}`, the multi-query
 * `POST .../_view/{view}/queries`, `_view_cleanup`, `_compact/{ddoc}`, `_design/{ddoc}/_info`
 * and `GET /_active_tasks`.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors, SetteeError, parseMultiQuery, parseViewQuery, validateViewQuery, type QueryParams } from '../../views/index.js';
import type { ServerContext } from './app.js';
import { requireAdmin } from './auth.js';
import { route, type Params } from './routing.js';

type ViewRequest = FastifyRequest<{ Params: Params }>;

export function registerViewRoutes(app: FastifyInstance, context: ServerContext): void {
  const { settee, config } = context;
  const engineFor = async (request: ViewRequest) => settee.views(await settee.database(request.params.db!));

  const queryView = async (request: ViewRequest) => {
    const engine = await engineFor(request);
    const body = request.method === 'POST' ? requireJsonBody(request) : undefined;
    const args = parseViewQuery(searchParams(request), body);
    return engine.query(request.params.ddoc!, request.params.view!, args);
  };
  route(app, '/:db/_design/:ddoc/_view/:view', { GET: queryView, POST: queryView });

  route(app, '/:db/_design/:ddoc/_view/:view/queries', {
    POST: async (request) => {
      const engine = await engineFor(request);
      const { design, view } = engine.designs.view(request.params.ddoc!, request.params.view!);
      const collate = engine.store.open(view).codec.compare;
      const queries = parseMultiQuery(requireJsonBody(request), searchParams(request)).map((args) =>
        validateViewQuery(args, { hasReduce: view.reduce !== undefined, collate }),
      );
      const results = [];
      for (const query of queries) results.push(await engine.run(design, view, query));
      return { results };
    },
  });

  route(app, '/:db/_design/:ddoc/_info', {
    GET: async (request) => {
      const engine = await engineFor(request);
      const design = engine.designs.get(request.params.ddoc!);
      const views = [...design.views.values()].map((view) => ({ view, index: engine.store.open(view) }));
      return {
        name: request.params.ddoc,
        view_index: {
          signature: views.map(({ view }) => view.signature).join('-'),
          language: 'javascript',
          update_seq: Math.min(...views.map(({ index }) => index.checkpoint()), engine.db.updateSeq()),
          purge_seq: 0,
          updater_running: settee.activeTasks.list().some((task) => task.database === engine.db.name && task.design_document === design.id),
          compact_running: false,
          waiting_clients: 0,
          waiting_commit: false,
          sizes: { file: engine.db.store.size(), active: 0, external: 0 },
        },
      };
    },
  });

  route(app, '/:db/_view_cleanup', {
    POST: async (request, reply) => {
      requireAdmin(request, config.admin);
      await (await engineFor(request)).cleanup();
      reply.code(202);
      return { ok: true };
    },
  });

  route(app, '/:db/_compact/:ddoc', {
    POST: async (request, reply) => {
      requireAdmin(request, config.admin);
      await (await engineFor(request)).compact(request.params.ddoc!);
      reply.code(202);
      return { ok: true };
    },
  });

  route(app, '/_active_tasks', { GET: () => settee.activeTasks.list() });

  route(app, '/:db/_temp_view', {
    POST: () => {
      throw new SetteeError(410, 'gone', 'Temporary views are not supported in CouchDB');
    },
  });
}

function searchParams(request: FastifyRequest): QueryParams {
  const url = request.raw.url ?? '';
  const question = url.indexOf('?');
  return new URLSearchParams(question < 0 ? '' : url.slice(question + 1));
}

/** View POST bodies must be JSON (415 otherwise), and a JSON object. */
function requireJsonBody(request: FastifyRequest): unknown {
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) throw errors.unsupportedMediaType('Content-Type must be application/json');
  return request.body ?? {};
}

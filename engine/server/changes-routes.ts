/**
 * `GET|POST /{db}/_changes` with `feed=normal|longpoll|continuous`. Longpoll and
 * continuous feeds follow the database's live feed, which wakes on commits; the
 * continuous feed writes one JSON line per change and a newline every `heartbeat` ms.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../../views/index.js';
import type { ChangesFilter, ChangesOptions } from '../documents/changes-feed.js';
import type { Database } from '../documents/database.js';
import type { ServerContext } from './app.js';
import { bool, json, last, nonNegativeInt, type Query } from './params.js';
import { route, type Params } from './routing.js';

/** CouchDB's default for `timeout` on longpoll and continuous feeds. */
const DEFAULT_FEED_TIMEOUT_MS = 60_000;
/** `heartbeat=true` means CouchDB's default heartbeat interval. */
const DEFAULT_HEARTBEAT_MS = 60_000;

type Feed = 'normal' | 'longpoll' | 'continuous';

interface FeedRequest {
  feed: Feed;
  options: ChangesOptions;
  heartbeatMs: number | undefined;
  timeoutMs: number;
}

export function registerChangesRoutes(app: FastifyInstance, { settee, shutdown }: ServerContext): void {
  const handler = async (request: FastifyRequest<{ Params: Params }>, reply: FastifyReply) => {
    const db = await settee.database(request.params.db!);
    const feed = parseFeedRequest(request.query as Query, request.body);
    if (feed.feed === 'normal') return db.changesFeed.read(feed.options);
    if (feed.feed === 'longpoll') return longpoll(db, feed, request, shutdown);
    return continuous(db, feed, request, reply, shutdown);
  };
  route(app, '/:db/_changes', { GET: handler, POST: handler });
}

function parseFeedRequest(query: Query, body: unknown): FeedRequest {
  const feed = last(query, 'feed') ?? 'normal';
  if (feed !== 'normal' && feed !== 'longpoll' && feed !== 'continuous' && feed !== 'live') {
    throw errors.badRequest(`Supported \`feed\` types: normal, continuous, live, longpoll`);
  }
  const sinceRaw = last(query, 'since');
  let since: number | 'now' | undefined;
  if (sinceRaw === 'now') since = 'now';
  else if (sinceRaw !== undefined) {
    since = Number.parseInt(sinceRaw, 10);
    if (!Number.isInteger(since) || since < 0) throw errors.badRequest(`Invalid \`since\` value: ${sinceRaw}`);
  }
  const options: ChangesOptions = { filter: parseFilter(query, body) };
  if (since !== undefined) options.since = since;
  const limit = nonNegativeInt(query, 'limit');
  if (limit !== undefined) options.limit = limit;
  if (bool(query, 'descending')) options.descending = true;
  if (bool(query, 'include_docs')) options.include_docs = true;
  const heartbeatRaw = last(query, 'heartbeat');
  const heartbeatMs = heartbeatRaw === undefined ? undefined : heartbeatRaw === 'true' ? DEFAULT_HEARTBEAT_MS : nonNegativeInt(query, 'heartbeat');
  return {
    feed: feed === 'live' ? 'continuous' : feed,
    options,
    heartbeatMs: heartbeatMs === 0 ? undefined : heartbeatMs,
    timeoutMs: nonNegativeInt(query, 'timeout') ?? DEFAULT_FEED_TIMEOUT_MS,
  };
}

function parseFilter(query: Query, body: unknown): ChangesFilter {
  const filter = last(query, 'filter');
  if (filter === undefined) return { kind: 'all' };
  if (filter === '_design') return { kind: 'design' };
  if (filter === '_doc_ids') {
    const fromBody = body && typeof body === 'object' ? (body as { doc_ids?: unknown }).doc_ids : undefined;
    const ids = fromBody ?? json(query, 'doc_ids');
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) {
      throw errors.badRequest('`doc_ids` filter parameter is not a list of doc ids.');
    }
    return { kind: 'doc_ids', ids: new Set(ids) };
  }
  throw errors.notFound(`filter ${filter} is not supported`);
}

/** Aborts when the client goes away or the feed's timeout passes. */
function feedSignal(request: FastifyRequest, timeoutMs: number, shutdown: AbortSignal): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onClose = () => controller.abort();
  request.raw.socket.once('close', onClose);
  shutdown.addEventListener('abort', onClose, { once: true });
  return {
    signal: controller.signal,
    done: () => {
      clearTimeout(timer);
      request.raw.socket.off('close', onClose);
      shutdown.removeEventListener('abort', onClose);
      controller.abort();
    },
  };
}

async function longpoll(db: Database, feed: FeedRequest, request: FastifyRequest, shutdown: AbortSignal) {
  const immediate = db.changesFeed.read(feed.options);
  if (immediate.results.length > 0) return immediate;
  const since = feed.options.since === 'now' || feed.options.since === undefined ? immediate.last_seq : feed.options.since;
  const { signal, done } = feedSignal(request, feed.timeoutMs, shutdown);
  try {
    for await (const row of db.changesFeed.follow({ ...feed.options, since, signal })) {
      return { results: [row], last_seq: row.seq, pending: db.changesFeed.read({ since: row.seq }).results.length };
    }
  } finally {
    done();
  }
  return { results: [], last_seq: Math.max(since, db.updateSeq()), pending: 0 };
}

async function continuous(db: Database, feed: FeedRequest, request: FastifyRequest, reply: FastifyReply, shutdown: AbortSignal) {
  reply.hijack();
  const out = reply.raw;
  out.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'must-revalidate' });
  const { signal, done } = feedSignal(request, feed.timeoutMs, shutdown);
  const heartbeat = feed.heartbeatMs ? setInterval(() => out.write('\n'), feed.heartbeatMs) : undefined;
  let lastSeq = feed.options.since === 'now' ? db.updateSeq() : (feed.options.since ?? 0);
  let sent = 0;
  try {
    for await (const row of db.changesFeed.follow({ ...feed.options, since: lastSeq, signal })) {
      out.write(`${JSON.stringify(row)}\n`);
      lastSeq = row.seq;
      if (++sent >= (feed.options.limit ?? Infinity)) break;
    }
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    done();
  }
  out.end(`${JSON.stringify({ last_seq: lastSeq })}\n`);
}

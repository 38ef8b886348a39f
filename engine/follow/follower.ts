/**
 * Sidecar mode: mirrors a remote CouchDB-compatible database into a local one by following
 * its continuous `_changes` feed (with design documents, so views defined on the remote are
 * indexed here). Each batch of changes and the remote sequence it reaches commit in one
 * local transaction; a restart resumes from that sequence. Network errors, timeouts and
 * 5xx answers are retried with exponential backoff; credentials are never logged.
 */
import { errors, type SetteeError } from '../../views/index.js';
import type { Database } from '../documents/database.js';
import type { JsonObject, JsonValue } from '../documents/types.js';
import type { ReplicatedChange } from '../documents/writes.js';
import type { ActiveTasks, TaskHandle } from '../indexing/active-tasks.js';
import type { Logger } from '../logger.js';

/** The `_local` document holding the remote sequence the mirror has reached. */
export const FOLLOW_CHECKPOINT = '_local/settee-follow';

const BATCH_SIZE = 1000;
/** A batch is committed at the latest this long after its first change arrived. */
const BATCH_DELAY_MS = 50;
const HEARTBEAT_MS = 10_000;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 30_000;

export interface FollowOptions {
  /** The remote database, e.g. `http://user:pass@couch:5984/shop`. */
  url: string;
  into: Database;
  logger: Logger;
  tasks: ActiveTasks;
  /** `user:password`, when not in the URL. */
  auth?: string;
}

interface FeedLine {
  seq?: JsonValue;
  id?: string;
  deleted?: boolean;
  changes?: Array<{ rev: string }>;
  doc?: JsonObject;
  last_seq?: JsonValue;
}

export class Follower {
  /** Changes received from the remote since start (each fetched once). */
  received = 0;
  private readonly controller = new AbortController();
  private readonly remote: URL;
  private readonly headers: Record<string, string>;
  private running: Promise<void> | undefined;

  constructor(private readonly options: FollowOptions) {
    const url = new URL(options.url);
    const credentials = url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : options.auth;
    url.username = '';
    url.password = '';
    this.remote = url;
    this.headers = credentials ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } : {};
  }

  /** The remote address without credentials, safe to log. */
  get source(): string {
    return this.remote.href;
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
  }

  private checkpoint(): JsonValue {
    try {
      return (this.options.into.get(FOLLOW_CHECKPOINT).seq as JsonValue) ?? 0;
    } catch {
      return 0;
    }
  }

  private async loop(): Promise<void> {
    const { logger, into } = this.options;
    const task = this.options.tasks.start('replication', into.name, this.source, 0);
    let retry = FIRST_RETRY_MS;
    try {
      while (!this.controller.signal.aborted) {
        try {
          await this.follow(task);
          retry = FIRST_RETRY_MS;
        } catch (err) {
          if (this.controller.signal.aborted) break;
          logger.warn({ source: this.source, db: into.name, error: describe(err), retryInMs: retry }, 'follow interrupted; retrying');
          await sleep(retry, this.controller.signal);
          retry = Math.min(retry * 2, MAX_RETRY_MS);
        }
      }
    } finally {
      task.finish();
    }
  }

  /** One connection to the remote feed, until it ends or fails. */
  private async follow(task: TaskHandle): Promise<void> {
    const since = this.checkpoint();
    const url = new URL(this.remote);
    url.pathname = `${url.pathname.replace(/\/$/, '')}/_changes`;
    url.search = new URLSearchParams({
      feed: 'continuous',
      include_docs: 'true',
      style: 'all_docs',
      heartbeat: String(HEARTBEAT_MS),
      since: typeof since === 'string' ? since : JSON.stringify(since),
    }).toString();
    const response = await fetch(url, { headers: this.headers, signal: this.controller.signal });
    if (!response.ok || !response.body) throw new Error(`remote answered ${response.status}`);
    this.options.logger.info({ source: this.source, db: this.options.into.name, since }, 'following remote changes');
    let batch: ReplicatedChange[] = [];
    let batchSeq: JsonValue = since;
    let batchStarted = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      const changes = batch;
      batch = [];
      await this.options.into.applyReplicated(changes, FOLLOW_CHECKPOINT, batchSeq);
      this.received += changes.length;
      task.advance(this.received);
    };
    const decoder = new TextDecoder();
    let buffered = '';
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      buffered += decoder.decode(chunk, { stream: true });
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (line === '') continue;
        const change = JSON.parse(line) as FeedLine;
        if (change.last_seq !== undefined) {
          await flush();
          return;
        }
        const replicated = toReplicated(change);
        if (!replicated) continue;
        if (batch.length === 0) batchStarted = Date.now();
        batch.push(replicated);
        batchSeq = change.seq ?? batchSeq;
        if (batch.length >= BATCH_SIZE) await flush();
      }
      if (Date.now() - batchStarted >= BATCH_DELAY_MS || buffered === '') await flush();
    }
    await flush();
  }
}

function toReplicated(change: FeedLine): ReplicatedChange | undefined {
  if (!change.id || change.id.startsWith('_local/')) return undefined;
  const rev = change.doc?._rev ?? change.changes?.[0]?.rev;
  if (typeof rev !== 'string') return undefined;
  const body: JsonObject = {};
  for (const [name, value] of Object.entries(change.doc ?? {})) {
    if (name !== '_id' && name !== '_rev' && name !== '_deleted' && name !== '_revisions') body[name] = value;
  }
  return { id: change.id, rev, deleted: change.deleted === true || change.doc?._deleted === true, body };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Refuses every client write into a mirror: its documents belong to the remote. */
export function guardMirror(db: Database): void {
  db.addWriteGuard((write, origin) => {
    if (origin !== 'client' || write.kind === 'local') return;
    let mirrored = false;
    try {
      db.get(FOLLOW_CHECKPOINT);
      mirrored = true;
    } catch {
      // not a mirror
    }
    if (mirrored) throw errors.forbidden(`${db.name} mirrors a remote database and is read-only.`) as SetteeError;
  });
}

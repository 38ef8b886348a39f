/**
 * Shared fixtures for the CouchDB view scenarios (ports of CouchDB's view tests, see
 * /work/shared/reference/couchdb-views.md §8): one Settee or one test server per file,
 * a fresh database per test, CouchDB's `make_docs`, and assertions on CouchDB errors.
 */
import assert from 'node:assert/strict';
import { Settee, type Database } from '../../../engine/index.js';
import { startTestServer, type TestResponse, type TestServer } from '../../helpers/server.js';
import { makeTempDir } from '../../helpers/temp-dir.js';

/** A view response as the tests read it. */
export interface ViewResponse {
  total_rows?: number;
  offset?: number | null;
  update_seq?: number | string;
  rows: Array<{ id?: string; key: any; value?: any; doc?: any; error?: string; reason?: string }>;
}

export interface LibraryFixture {
  settee: Settee;
  /** A new, empty database with a unique name. */
  freshDb(): Promise<Database>;
  close(): Promise<void>;
}

let dbCounter = 0;
export function uniqueDbName(prefix = 'scenario'): string {
  return `${prefix}-${process.pid}-${++dbCounter}`;
}

/** One embedded Settee for a test file (call in `before`, close in `after`). */
export async function openSettee(): Promise<LibraryFixture> {
  const { dir, cleanup } = await makeTempDir();
  const settee = await Settee.open({ dir, workers: 2, functionTimeoutMs: 1000 });
  return {
    settee,
    freshDb: () => settee.database(uniqueDbName(), { create: true }),
    async close() {
      await settee.close();
      await cleanup();
    },
  };
}

export interface HttpFixture {
  server: TestServer;
  request: TestServer['request'];
  /** Creates a database over HTTP-side Settee and returns its name and library handle. */
  freshDb(): Promise<{ name: string; db: Database }>;
  close(): Promise<void>;
}

/** One test server for a test file; databases are filled through its Settee (fast). */
export async function openServer(env: Record<string, string> = {}): Promise<HttpFixture> {
  const server = await startTestServer(env);
  return {
    server,
    request: (...args) => server.request(...args),
    async freshDb() {
      const name = uniqueDbName();
      const db = await server.service.settee.database(name, { create: true });
      return { name, db };
    },
    close: () => server.close(),
  };
}

/** CouchDB's `make_docs(from..to)` (inclusive): `{_id: String(i), integer: i, string: String(i)}`. */
export function makeDocs(from: number, to: number): Array<{ _id: string; integer: number; string: string }> {
  const docs = [];
  for (let i = from; i <= to; i++) docs.push({ _id: String(i), integer: i, string: String(i) });
  return docs;
}

/** Σ 1..n */
export function summate(n: number): number {
  return (n * (n + 1)) / 2;
}

/** Writes docs in one batch and fails the test if any of them was refused. */
export async function save(db: Database, docs: unknown[]): Promise<void> {
  const results = await db.bulkDocs(docs);
  const failed = results.filter((result) => 'error' in result);
  assert.deepEqual(failed, [], 'every document is saved');
}

/** A JavaScript design document `_design/<name>` (typed loosely: tests also save invalid ones). */
export function designDoc(name: string, views: Record<string, unknown>, extra: Record<string, unknown> = {}): any {
  return { _id: `_design/${name}`, language: 'javascript', views, ...extra };
}

export interface ExpectedError {
  status: number;
  error: string;
  reason?: string | RegExp;
}

/** Asserts that `action` fails with a CouchDB error (`SetteeError`): status, code and reason. */
export async function rejectsWith(action: Promise<unknown> | (() => Promise<unknown>), expected: ExpectedError): Promise<void> {
  const promise = typeof action === 'function' ? action() : action;
  await assert.rejects(promise, (err: any) => {
    assert.equal(err?.name, 'SetteeError', `expected a SetteeError, got ${err?.stack ?? err}`);
    assert.equal(err.status, expected.status, `status of ${err.error}: ${err.reason}`);
    assert.equal(err.error, expected.error, `error code (reason: ${err.reason})`);
    if (typeof expected.reason === 'string') assert.equal(err.reason, expected.reason);
    else if (expected.reason) assert.match(err.reason, expected.reason);
    return true;
  });
}

/** Asserts an HTTP error response: status, `error` and (optionally) `reason`. */
export function assertHttpError(response: TestResponse, expected: ExpectedError): void {
  const detail = JSON.stringify(response.body);
  assert.equal(response.status, expected.status, `status (body: ${detail})`);
  assert.equal(response.body?.error, expected.error, `error code (body: ${detail})`);
  if (typeof expected.reason === 'string') assert.equal(response.body.reason, expected.reason);
  else if (expected.reason) assert.match(response.body.reason, expected.reason);
}

/** Asserts a 200 response and returns its body. */
export function ok(response: TestResponse): any {
  assert.equal(response.status, 200, `status 200 (body: ${JSON.stringify(response.body)})`);
  return response.body;
}

/** Query parameters whose values are plain text in CouchDB, not JSON. */
const TEXT_PARAMS = new Set(['startkey_docid', 'start_key_doc_id', 'endkey_docid', 'end_key_doc_id', 'stale', 'update']);

/**
 * A query string as CouchDB clients send it: JSON-encoded values (`startkey="a"`),
 * except the plain-text parameters (`startkey_docid=21`).
 */
export function qs(params: Record<string, unknown>): string {
  const parts = Object.entries(params).map(([name, value]) => {
    const text = TEXT_PARAMS.has(name) && typeof value === 'string' ? value : JSON.stringify(value);
    return `${encodeURIComponent(name)}=${encodeURIComponent(text)}`;
  });
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

export const keysOf = (response: ViewResponse) => response.rows.map((row) => row.key);
export const valuesOf = (response: ViewResponse) => response.rows.map((row) => row.value);
export const idsOf = (response: ViewResponse) => response.rows.map((row) => row.id);

/** Polls `check` until it returns true (or the time is up); returns the last result. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 3000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

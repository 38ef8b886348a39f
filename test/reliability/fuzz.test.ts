/**
 * Hostile input (issue 7), with fast-check against a real server: every endpoint and
 * query parameter gets malformed JSON, wrong types, huge numbers, NaN-like strings, deeply
 * nested JSON (10,000 levels), very long keys and ids, invalid UTF-8, oversized bodies and
 * unknown parameters. Each must get a CouchDB-shaped answer — a 4xx with `{error, reason}`
 * (or a 2xx where the input happens to be valid) — never a 500, never a crash; afterwards
 * the server still answers and the data it held is unchanged.
 *
 * Reads and invalid writes go to `keep`, whose documents, changes, counters and views are
 * compared with a snapshot after every test; inputs that might be valid writes go to
 * `scratch`. `SETTEE_FUZZ_SEED` picks another fast-check seed, `SETTEE_FUZZ_RUNS` scales
 * the number of runs.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SEED = Number(process.env.SETTEE_FUZZ_SEED ?? 424242);
const RUN_SCALE = Number(process.env.SETTEE_FUZZ_RUNS ?? 1);
const MAX_DOC_BYTES = 65_536;
const MAX_REQUEST_BYTES = 1_048_576;
const REQUEST_TIMEOUT_MS = 10_000;
/** LMDB's key limit as the document store applies it to ids (engine/documents/ids.ts). */
const MAX_ID_BYTES = 1900;

const KEEP = 'keep';
const SCRATCH = 'scratch';
const DDOC = '_design/d';
const MAP_VIEW = `/${KEEP}/${DDOC}/_view/map`;
const REDUCE_VIEW = `/${KEEP}/${DDOC}/_view/red`;

let server: TestServer;
let snapshot: unknown;

function runs(n: number): number {
  return Math.max(1, Math.round(n * RUN_SCALE));
}

function params(numRuns: number): fc.Parameters<unknown> {
  return { seed: SEED, numRuns: runs(numRuns), endOnFailure: true, includeErrorInReport: true };
}

interface Answer {
  status: number;
  text: string;
  json: any;
}

/** Sends exactly these bytes; never throws for an HTTP answer. */
async function send(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(server.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : new Uint8Array(body) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (err) {
    throw new Error(`${method} ${path.slice(0, 200)}: no answer (${String(err)} ${String((err as { cause?: unknown }).cause ?? '')})`);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}

function sendJson(method: string, path: string, body: unknown): Promise<Answer> {
  return send(method, path, JSON.stringify(body));
}

function describe(method: string, path: string, body?: string | Buffer): string {
  const shownBody = body === undefined ? '' : ` body(${body.length}): ${String(body).slice(0, 160)}`;
  return `${method} ${path.slice(0, 200)}${path.length > 200 ? '…' : ''}${shownBody}`;
}

/**
 * Problems found during the current test: each distinct kind once, with its first example.
 * A property keeps running after a problem, so one run shows every kind it can find; the
 * test fails at its end if there were any.
 */
const problems = new Map<string, string>();

function problem(kind: string, example: string): void {
  if (!problems.has(kind)) problems.set(kind, example);
}

/** A kind of problem: method, route shape, status and error code, so that one bug counts once. */
function kindOf(method: string, path: string, answer: Answer): string {
  const [route] = path.split('?');
  const shape = route!
    .split('/')
    .map((segment, i) => (i === 0 || segment.startsWith('_') ? segment : i === 1 ? '{db}' : '{name}'))
    .join('/');
  const parsed = answer.json as { error?: unknown; code?: unknown; reason?: unknown; message?: unknown } | undefined;
  if (answer.status < 400) return `${method} ${shape} → ${answer.status} (accepted)`;
  const code = String(parsed?.error ?? parsed?.code ?? answer.text.slice(0, 30));
  const reason = String(parsed?.reason ?? parsed?.message ?? '')
    .replace(/'[^']*'/g, "'…'")
    .replace(/(.)\1{8,}/gu, '$1…')
    .replace(/\d+/g, 'N')
    .slice(0, 70);
  return `${method} ${shape} → ${answer.status} ${code}: ${reason}`;
}

/** Never a 5xx; a 4xx is CouchDB's `{"error": string, "reason": string}`. Records a problem otherwise. */
function couchShaped(answer: Answer, method: string, path: string, body?: string | Buffer): boolean {
  const what = describe(method, path, body);
  if (answer.status >= 500) {
    problem(kindOf(method, path, answer), `${what} → ${answer.status} ${answer.text.slice(0, 300)}`);
    return false;
  }
  if (answer.status >= 400 && method !== 'HEAD') {
    const parsed = answer.json as { error?: unknown; reason?: unknown } | undefined;
    if (!(parsed && typeof parsed === 'object' && typeof parsed.error === 'string' && typeof parsed.reason === 'string')) {
      // one kind per status and code, whatever the route: these come from below the routes
      const parsed = answer.json as { error?: unknown; code?: unknown } | undefined;
      problem(`${answer.status} ${String(parsed?.code ?? parsed?.error ?? answer.text.slice(0, 40))} on any route (not CouchDB-shaped)`, `${what} → ${answer.status} ${answer.text.slice(0, 300)}`);
      return false;
    }
  }
  return true;
}

async function check(method: string, path: string, body?: string | Buffer, headers?: Record<string, string>): Promise<Answer> {
  const answer = await send(method, path, body, headers);
  couchShaped(answer, method, path, body);
  return answer;
}

/** Expects a CouchDB-shaped refusal with one of `statuses`. */
async function refused(method: string, path: string, body: string | Buffer | undefined, statuses: number[], headers?: Record<string, string>): Promise<Answer> {
  const answer = await send(method, path, body, headers);
  if (couchShaped(answer, method, path, body) && !statuses.includes(answer.status)) {
    problem(`${kindOf(method, path, answer)} (expected ${statuses.join(' or ')})`, `${describe(method, path, body)} → ${answer.status} ${answer.text.slice(0, 300)}`);
  }
  return answer;
}

/** Fails the test with every kind of problem it found, then forgets them for the next test. */
function assertNoProblems(): void {
  const found = [...problems.entries()].map(([kind, example]) => `- ${kind}\n    e.g. ${example}`);
  problems.clear();
  assert.equal(found.length, 0, `${found.length} kind(s) of problem:\n${found.join('\n')}`);
}

/** What `keep` holds: compared before and after every test. */
async function state(): Promise<unknown> {
  const read = async (path: string) => {
    const answer = await send('GET', path);
    assert.equal(answer.status, 200, `${path}: ${answer.text.slice(0, 200)}`);
    return answer.json;
  };
  const info = (await read(`/${KEEP}`)) as Record<string, unknown>;
  return {
    info: { doc_count: info.doc_count, doc_del_count: info.doc_del_count, update_seq: info.update_seq },
    docs: await read(`/${KEEP}/_all_docs?include_docs=true`),
    changes: await read(`/${KEEP}/_changes?since=0`),
    local: await read(`/${KEEP}/_local/l`),
    map: await read(`${MAP_VIEW}?update=true`),
    reduce: await read(`${REDUCE_VIEW}?group=true&update=true`),
  };
}

async function assertHealthyAndUnchanged(): Promise<void> {
  const up = await send('GET', '/_up');
  assert.equal(up.status, 200, 'the server must still answer');
  const now = await state();
  assertNoProblems();
  assert.deepEqual(now, snapshot, `${KEEP} must be unchanged`);
}

before(async () => {
  server = await startTestServer({ SETTEE_MAX_DOC_BYTES: String(MAX_DOC_BYTES), SETTEE_MAX_REQUEST_BYTES: String(MAX_REQUEST_BYTES) });
  for (const db of [KEEP, SCRATCH]) assert.equal((await send('PUT', `/${db}`)).status, 201);
  const docs = Array.from({ length: 40 }, (_, i) => ({ _id: `d${String(i).padStart(2, '0')}`, k: i % 7, n: i, tags: ['a', i % 3], nested: { x: i } }));
  assert.equal((await sendJson('POST', `/${KEEP}/_bulk_docs`, { docs })).status, 201);
  const ddoc = {
    views: {
      map: { map: 'function (doc) { if (typeof doc.k === "number") emit([doc.k, doc._id], doc.n); }' },
      red: { map: 'function (doc) { if (typeof doc.k === "number") emit(doc.k, doc.n); }', reduce: '_stats' },
    },
  };
  assert.equal((await sendJson('PUT', `/${KEEP}/${DDOC}`, ddoc)).status, 201);
  assert.equal((await sendJson('PUT', `/${KEEP}/_local/l`, { checkpoint: 1 })).status, 201);
  assert.equal((await sendJson('PUT', `/${SCRATCH}/${DDOC}`, ddoc)).status, 201);
  snapshot = await state();
});

after(async () => {
  await server?.close();
});

// ---- generators -----------------------------------------------------------------------------

/** Values that break naive parsers: huge and NaN-like numbers, JSON fragments, odd strings. */
const NASTY_TEXT = [
  '', ' ', 'NaN', '-NaN', 'nan', 'Infinity', '-Infinity', 'inf', '1e400', '-1e400', '1e-400', '99999999999999999999999',
  '9007199254740993', '18446744073709551616', '-1', '-0', '0', '00', '0x10', '1.5', '1e3', '+1', '1_000', ' 1', '1 ',
  'true', 'false', 'TRUE', 'null', 'undefined', 'None', '"', '""', '"x"', '[', ']', '{', '}', '{}', '[]', '[1,', '[1,]',
  '{"a":}', '{"a":1}', '[0,{}]', '"\\ud800"', '"\\u0000"', '"\\uZZZZ"', '\u0000', '%', '%FF', '%00', '%E0%A4%A', '\ufffd',
  '🛋️', 'ok', 'update_after', 'now', 'continuous', 'longpoll', '_design', '_doc_ids', 'raw', '[["a"]]', '{"x":[1,{"y":null}]}',
];

const nastyValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.string({ maxLength: 16 }) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  { weight: 1, arbitrary: fc.constantFrom(1000, 5000).map((n) => JSON.stringify('k'.repeat(n))) },
  { weight: 1, arbitrary: fc.constantFrom(500, 2000).map((depth) => '['.repeat(depth) + ']'.repeat(depth)) },
);

/** Random JSON values of every type, for bodies and members of the wrong type. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, 0, -1, 1e308, -1e308, 2 ** 53 + 1, '', 'x', [], {}, [null], [[]], { _id: 5 }, { _rev: [] }),
);

const VIEW_PARAMS = [
  'key', 'keys', 'startkey', 'start_key', 'endkey', 'end_key', 'startkey_docid', 'start_key_doc_id', 'endkey_docid',
  'end_key_doc_id', 'limit', 'skip', 'group', 'group_level', 'reduce', 'descending', 'inclusive_end', 'include_docs',
  'conflicts', 'attachments', 'att_encoding_info', 'update_seq', 'sorted', 'stale', 'stable', 'update', 'partition',
];
const ALL_DOCS_PARAMS = ['key', 'keys', 'startkey', 'start_key', 'endkey', 'end_key', 'limit', 'skip', 'descending', 'inclusive_end', 'include_docs', 'update_seq', 'conflicts'];
const CHANGES_PARAMS = ['since', 'limit', 'descending', 'include_docs', 'feed', 'filter', 'doc_ids', 'heartbeat', 'timeout', 'style', 'conflicts', 'seq_interval', 'view'];
const DOC_PARAMS = ['rev', 'revs', 'revs_info', 'local_seq', 'conflicts', 'open_revs', 'latest', 'meta', 'attachments'];

/** GET endpoints on `keep` and the parameters each knows. */
const READ_ENDPOINTS: Array<[string, string[]]> = [
  [`/${KEEP}/_all_docs`, ALL_DOCS_PARAMS],
  [`/${KEEP}/_changes`, CHANGES_PARAMS],
  [MAP_VIEW, VIEW_PARAMS],
  [REDUCE_VIEW, VIEW_PARAMS],
  [`/${KEEP}/${DDOC}/_info`, []],
  [`/${KEEP}`, []],
  [`/${KEEP}/d01`, DOC_PARAMS],
  [`/${KEEP}/${DDOC}`, DOC_PARAMS],
  [`/${KEEP}/_local/l`, DOC_PARAMS],
  [`/${KEEP}/missing`, DOC_PARAMS],
  ['/_uuids', ['count']],
  ['/_all_dbs', ['limit', 'skip', 'descending', 'startkey', 'endkey']],
  ['/_active_tasks', []],
  ['/', []],
  ['/_up', []],
];

function queryString(entries: Array<[string, string]>): string {
  const search = new URLSearchParams();
  for (const [name, value] of entries) search.append(name, value);
  return search.toString();
}

/** Live feeds would wait for the default 60 s: keep them short. */
function boundFeeds(path: string, entries: Array<[string, string]>): Array<[string, string]> {
  if (!path.endsWith('/_changes')) return entries;
  return [...entries.filter(([name]) => name !== 'timeout'), ['timeout', '30']];
}

const readEndpoint = fc.constantFrom(...READ_ENDPOINTS);

function paramsFor(known: string[]): fc.Arbitrary<Array<[string, string]>> {
  const name = known.length > 0 ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) }) : fc.string({ minLength: 1, maxLength: 12 });
  return fc.array(fc.tuple(name, nastyValue), { minLength: 1, maxLength: 4 });
}

function deepArray(depth: number): string {
  return '['.repeat(depth) + '"x"' + ']'.repeat(depth);
}

function deepObject(depth: number): string {
  return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

// ---- the tests ------------------------------------------------------------------------------

test('query parameters: known and unknown names with hostile values on every GET endpoint', async () => {
  await fc.assert(
    fc.asyncProperty(
      readEndpoint.chain(([path, known]) => fc.tuple(fc.constant(path), paramsFor(known))),
      async ([path, entries]) => {
        await check('GET', `${path}?${queryString(boundFeeds(path, entries))}`);
      },
    ),
    {
      ...params(3000),
      examples: [
        [[`/${KEEP}/_all_docs`, [['limit', '1e400']]]],
        [[`/${KEEP}/_all_docs`, [['skip', 'NaN']]]],
        [[`/${KEEP}/_all_docs`, [['key', JSON.stringify('z'.repeat(5000))]]]],
        [[`/${KEEP}/_all_docs`, [['startkey', JSON.stringify('z'.repeat(5000))]]]],
        [[`/${KEEP}/_all_docs`, [['keys', JSON.stringify(['z'.repeat(5000)])]]]],
        [[`/${KEEP}/_changes`, [['since', '99999999999999999999999']]]],
        [[`/${KEEP}/_changes`, [['feed', 'longpoll'], ['heartbeat', 'NaN']]]],
        [[MAP_VIEW, [['group_level', '-1']]]],
        [[MAP_VIEW, [['key', deepArray(2000)]]]],
        [[REDUCE_VIEW, [['group_level', '99999999999999999999999']]]],
        [['/_uuids', [['count', 'Infinity']]]],
      ],
    },
  );
  await assertHealthyAndUnchanged();
});

test('query parameters on live feeds (longpoll, continuous) with hostile values', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('longpoll', 'continuous', 'live', 'eventsource'), paramsFor(CHANGES_PARAMS), async (feed, entries) => {
      const bounded: Array<[string, string]> = [...entries.filter(([name]) => name !== 'feed' && name !== 'timeout'), ['feed', feed], ['timeout', '30']];
      await check('GET', `/${KEEP}/_changes?${queryString(bounded)}`);
    }),
    params(200),
  );
  await assertHealthyAndUnchanged();
});

test('view POST bodies and /queries with members of every type', async () => {
  const member = fc.oneof(anyJson, nastyValue);
  const body = fc.dictionary(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VIEW_PARAMS) }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }), member, { maxKeys: 4 });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(MAP_VIEW, REDUCE_VIEW), fc.oneof(body, anyJson), fc.constantFrom('view', 'queries', 'queries-raw'), async (view, payload, mode) => {
      const path = mode === 'view' ? view : `${view}/queries`;
      const sent = mode === 'queries' ? { queries: [payload] } : payload;
      await check('POST', path, JSON.stringify(sent));
    }),
    params(1500),
  );
  await assertHealthyAndUnchanged();
});

test('malformed JSON bodies on every endpoint that takes one are refused with 400', async () => {
  const endpoints: Array<[string, string]> = [
    ['PUT', `/${KEEP}/newdoc`],
    ['PUT', `/${KEEP}/d01`],
    ['POST', `/${KEEP}`],
    ['POST', `/${KEEP}/_bulk_docs`],
    ['POST', `/${KEEP}/_all_docs`],
    ['POST', `/${KEEP}/_changes?filter=_doc_ids`],
    ['POST', MAP_VIEW],
    ['POST', `${MAP_VIEW}/queries`],
    ['PUT', `/${KEEP}/${DDOC}`],
    ['PUT', `/${KEEP}/_local/l`],
  ];
  const valid = fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value));
  const malformed = fc.oneof(
    // valid JSON cut short or with a byte changed
    fc.tuple(valid, fc.nat()).map(([text, cut]) => text.slice(0, cut % Math.max(text.length, 1))),
    fc.tuple(valid, fc.nat(), fc.constantFrom('{', '}', '"', ',', ':', '\\', ']', 'x')).map(([text, at, char]) => text.slice(0, at % (text.length + 1)) + char + text.slice(at % (text.length + 1))),
    fc.constantFrom('{', '[', '{"a":1', '{"a":1,}', "{'a':1}", '{a:1}', 'NaN', '{"a":NaN}', '{"a":Infinity}', '{"a":01}', '{"a":1}{"b":2}', '{"a":"\\x"}', '\ufeff{"a":1}x', 'undefined', '{"a":1}\u0000'),
    fc.string({ minLength: 1, maxLength: 30 }),
  ).filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return text.length > 0;
    }
  });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...endpoints), malformed, async ([method, path], body) => {
      await refused(method, path, body, [400, 415]);
    }),
    params(1500),
  );
  await assertHealthyAndUnchanged();
});

test('wrong types in document, bulk, all_docs, changes and design bodies', async () => {
  const docBody = fc.dictionary(
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom('_id', '_rev', '_deleted', '_attachments', '_revisions', '_local_seq', '_conflicts', '_unknown', 'views', 'options', 'language') }, { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }),
    anyJson,
    { maxKeys: 4 },
  );
  const targets: Array<(value: unknown) => [string, string, unknown]> = [
    (value) => ['PUT', `/${SCRATCH}/doc`, value],
    (value) => ['POST', `/${SCRATCH}`, value],
    (value) => ['POST', `/${SCRATCH}/_bulk_docs`, value],
    (value) => ['POST', `/${SCRATCH}/_bulk_docs`, { docs: value }],
    (value) => ['POST', `/${SCRATCH}/_bulk_docs`, { docs: [value, value] }],
    (value) => ['POST', `/${SCRATCH}/_bulk_docs`, { docs: [{ _id: 'x' }], new_edits: value }],
    (value) => ['POST', `/${SCRATCH}/_all_docs`, { keys: value }],
    (value) => ['POST', `/${SCRATCH}/_all_docs`, value],
    (value) => ['POST', `/${SCRATCH}/_changes?filter=_doc_ids`, { doc_ids: value }],
    (value) => ['PUT', `/${SCRATCH}/_design/t`, value],
    (value) => ['PUT', `/${SCRATCH}/_design/t`, { views: value }],
    (value) => ['PUT', `/${SCRATCH}/_design/t`, { views: { v: value } }],
    (value) => ['PUT', `/${SCRATCH}/_design/t`, { views: { v: { map: value } } }],
    (value) => ['PUT', `/${SCRATCH}/_design/t`, { views: { v: { map: 'function (doc) { emit(doc._id, 1); }', reduce: value } } }],
    (value) => ['PUT', `/${SCRATCH}/_design/t`, { views: { v: { map: 'function (doc) { emit(doc._id, 1); }', reduce: '_sum', dbcopy: value } } }],
    (value) => ['PUT', `/${SCRATCH}/_design/t`, { views: { v: { map: 'function (doc) { emit(doc._id, 1); }', options: value } }, options: value }],
    (value) => ['PUT', `/${SCRATCH}/_local/t`, value],
  ];
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: targets.length - 1 }), fc.oneof(anyJson, docBody), async (index, value) => {
      const [method, path, body] = targets[index]!(value);
      // a previous run may have created it: delete first, so that each run starts alike
      await check(method, path, JSON.stringify(body));
      if (path === `/${SCRATCH}/_design/t`) {
        const current = await send('GET', path);
        if (current.status === 200) await check('DELETE', `${path}?rev=${current.json._rev}`);
      }
    }),
    params(1500),
  );
  // the scratch database still works for ordinary use
  const put = await sendJson('PUT', `/${SCRATCH}/after-wrong-types`, { k: 1, n: 2 });
  assert.equal(put.status, 201, put.text);
  assert.equal((await send('GET', `/${SCRATCH}/${DDOC}/_view/map?key=[1,"after-wrong-types"]`)).status, 200);
  await assertHealthyAndUnchanged();
});

test('deeply nested JSON (10,000 levels) in every body and key is answered without a 500', async () => {
  const targets: Array<(deep: string) => [string, string, string]> = [
    (deep) => ['PUT', `/${SCRATCH}/deep`, `{"deep":${deep}}`],
    (deep) => ['POST', `/${SCRATCH}`, `{"_id":"deep-post","deep":${deep}}`],
    (deep) => ['POST', `/${SCRATCH}/_bulk_docs`, `{"docs":[{"_id":"deep-bulk","deep":${deep}}]}`],
    (deep) => ['POST', `/${SCRATCH}/_bulk_docs`, `{"docs":${deep}}`],
    (deep) => ['PUT', `/${SCRATCH}/_design/deep`, `{"views":{"v":{"map":"function (doc) { emit(1, 1); }"}},"deep":${deep}}`],
    (deep) => ['PUT', `/${SCRATCH}/_local/deep`, `{"deep":${deep}}`],
    (deep) => ['POST', `/${KEEP}/_all_docs`, `{"keys":[${deep}]}`],
    (deep) => ['POST', `/${KEEP}/_all_docs`, `{"keys":${deep}}`],
    (deep) => ['POST', `/${KEEP}/_changes?filter=_doc_ids`, `{"doc_ids":${deep}}`],
    (deep) => ['POST', MAP_VIEW, `{"keys":[${deep}]}`],
    (deep) => ['POST', MAP_VIEW, `{"startkey":${deep}}`],
    (deep) => ['POST', REDUCE_VIEW, `{"key":${deep},"group":true}`],
    (deep) => ['POST', `${MAP_VIEW}/queries`, `{"queries":[{"endkey":${deep}}]}`],
    (deep) => ['POST', `${MAP_VIEW}/queries`, `{"queries":${deep}}`],
  ];
  await fc.assert(
    fc.asyncProperty(
      fc.nat({ max: targets.length - 1 }),
      fc.constantFrom(deepArray, deepObject),
      fc.constantFrom(10_000, 10_000, 3_000, 20_000),
      async (index, shape, depth) => {
        const [method, path, body] = targets[index]!(shape(depth));
        const answer = await check(method, path, body);
        if (answer.status < 300 && path.startsWith(`/${SCRATCH}/`) && method !== 'POST') {
          // accepted: then it must also be readable
          const read = await send('GET', path);
          if (read.status !== 200) {
            problem(
              `a nested document accepted by ${method} ${path.split('/').slice(2).join('/')} cannot be read back`,
              `${method} ${path} of a ${shape === deepArray ? 'array' : 'object'} nested ${depth} levels → ${answer.status}; GET → ${read.status} ${read.text.slice(0, 200)}`,
            );
          }
        }
      },
    ),
    { ...params(200), examples: targets.map((_, index) => [index, deepArray, 10_000] as [number, (depth: number) => string, number]) },
  );
  // a view over documents that were accepted still answers
  await check('GET', `/${SCRATCH}/_all_docs?include_docs=true`);
  await check('GET', `/${SCRATCH}/_changes?include_docs=true`);
  await check('GET', `/${SCRATCH}/${DDOC}/_view/map`);
  await assertHealthyAndUnchanged();
});

test('very long keys and ids: in URLs, in bodies, as view and _all_docs keys', async () => {
  const longText = fc.tuple(fc.constantFrom(100, 101, 255, 1000, 1900, 1901, 4000, 100_000), fc.constantFrom('a', 'é', '𝄞', '\u0000')).map(([length, char]) => char.repeat(Math.ceil(length / char.length)));
  const targets: Array<(text: string) => [string, string, string | undefined]> = [
    (text) => ['PUT', `/${SCRATCH}/${encodeURIComponent(text)}`, '{"a":1}'],
    (text) => ['GET', `/${KEEP}/${encodeURIComponent(text)}`, undefined],
    (text) => ['DELETE', `/${KEEP}/${encodeURIComponent(text)}?rev=1-00000000000000000000000000000000`, undefined],
    (text) => ['PUT', `/${SCRATCH}/_design/${encodeURIComponent(text)}`, '{"views":{}}'],
    (text) => ['GET', `/${KEEP}/_local/${encodeURIComponent(text)}`, undefined],
    (text) => ['POST', `/${SCRATCH}`, JSON.stringify({ _id: text })],
    (text) => ['POST', `/${SCRATCH}/_bulk_docs`, JSON.stringify({ docs: [{ _id: text }, { _id: `${text}2` }] })],
    (text) => ['POST', `/${KEEP}/_all_docs`, JSON.stringify({ keys: [text] })],
    (text) => ['POST', `/${KEEP}/_changes?filter=_doc_ids`, JSON.stringify({ doc_ids: [text] })],
    (text) => ['POST', MAP_VIEW, JSON.stringify({ startkey: [1, text], endkey: [1, text, {}] })],
    (text) => ['POST', MAP_VIEW, JSON.stringify({ keys: [text, [text]] })],
    (text) => ['POST', REDUCE_VIEW, JSON.stringify({ key: text, group: true })],
    (text) => ['POST', MAP_VIEW, JSON.stringify({ startkey_docid: text, startkey: [1] })],
    (text) => ['GET', `/${KEEP}/_all_docs?startkey=${encodeURIComponent(JSON.stringify(text.slice(0, 5000)))}`, undefined],
    (text) => ['GET', `/${KEEP}/_all_docs?key=${encodeURIComponent(JSON.stringify(text.slice(0, 5000)))}`, undefined],
    (text) => ['GET', `/${KEEP}/_all_docs?endkey=${encodeURIComponent(JSON.stringify(text.slice(0, 5000)))}&descending=true`, undefined],
    (text) => ['GET', `${MAP_VIEW}?startkey=${encodeURIComponent(JSON.stringify([0, text.slice(0, 5000)]))}`, undefined],
    (text) => ['PUT', `/${encodeURIComponent(text.slice(0, 5000))}`, undefined],
  ];
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: targets.length - 1 }), longText, async (index, text) => {
      const [method, path, body] = targets[index]!(text);
      await check(method, path, body);
    }),
    { ...params(600), examples: targets.map((_, index) => [index, 'k'.repeat(5000)] as [number, string]) },
  );
  await assertHealthyAndUnchanged();
});

test('document ids up to the documented 1900-byte limit work through the URL', async () => {
  for (const id of ['i'.repeat(101), 'i'.repeat(1000), 'é'.repeat(950), 'i'.repeat(MAX_ID_BYTES)]) {
    const path = `/${SCRATCH}/${encodeURIComponent(id)}`;
    const put = await check('PUT', path, '{"long":true}');
    if (put.status !== 201) {
      problem(`PUT of a valid long id → ${put.status}`, `PUT of a ${Buffer.byteLength(id)}-byte id (${id.length} characters) → ${put.status} ${put.text.slice(0, 200)}`);
      continue;
    }
    const got = await check('GET', path);
    if (got.json?._id !== id) problem('a long id does not read back', `GET of a ${Buffer.byteLength(id)}-byte id → ${got.status} ${got.text.slice(0, 200)}`);
    else await refused('DELETE', `${path}?rev=${got.json._rev}`, undefined, []).then((answer) => answer.status === 200 || problem('DELETE of a long id failed', answer.text));
  }
  await refused('PUT', `/${SCRATCH}/${'i'.repeat(MAX_ID_BYTES + 1)}`, '{}', [400]);
  assertNoProblems();
});

test('invalid UTF-8 in bodies and URLs is refused with a 400', async () => {
  const invalidSequences = [[0xff], [0xfe], [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xc3], [0xf4, 0x90, 0x80, 0x80]];
  const invalid = fc.tuple(fc.constantFrom(...invalidSequences), fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 })).map(([bytes, before, after]) => ({ bytes, before, after }));
  const bodies: Array<[string, string, (value: Buffer) => Buffer]> = [
    ['PUT', `/${SCRATCH}/utf`, (value) => Buffer.concat([Buffer.from('{"text":"'), value, Buffer.from('"}')])],
    ['PUT', `/${SCRATCH}/utf`, (value) => Buffer.concat([Buffer.from('{"'), value, Buffer.from('":1}')])],
    ['POST', `/${SCRATCH}`, (value) => Buffer.concat([Buffer.from('{"_id":"'), value, Buffer.from('"}')])],
    ['POST', `/${SCRATCH}/_bulk_docs`, (value) => Buffer.concat([Buffer.from('{"docs":[{"_id":"bulk-utf","t":"'), value, Buffer.from('"}]}')])],
    ['POST', MAP_VIEW, (value) => Buffer.concat([Buffer.from('{"keys":["'), value, Buffer.from('"]}')])],
    ['POST', `/${KEEP}/_all_docs`, (value) => Buffer.concat([Buffer.from('{"keys":["'), value, Buffer.from('"]}')])],
  ];
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: bodies.length - 1 }), invalid, async (index, { bytes, before, after }) => {
      const [method, path, wrap] = bodies[index]!;
      const payload = wrap(Buffer.concat([Buffer.from(JSON.stringify(before).slice(1, -1)), Buffer.from(bytes), Buffer.from(JSON.stringify(after).slice(1, -1))]));
      await refused(method, path, payload, [400]);
    }),
    { ...params(400), examples: [[0, { bytes: [0xff, 0xfe], before: 'a', after: '' }]] },
  );
  // percent-encoded invalid UTF-8 in the path
  for (const path of [`/${KEEP}/%FF`, `/%FF`, `/${KEEP}/_design/%C0%AF`, `/${KEEP}/_local/%ED%A0%80`]) {
    await refused('GET', path, undefined, [400, 404]);
  }
  await assertHealthyAndUnchanged();
});

test('lone surrogates (valid JSON escapes, not Unicode) are refused or stored exactly', async () => {
  const surrogate = fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff', 'a\ud800b', '\udc00\ud800');
  const targets: Array<(text: string) => [string, string, unknown]> = [
    (text) => ['PUT', `/${SCRATCH}/sur-body`, { text }],
    (text) => ['PUT', `/${SCRATCH}/sur-key`, { [text]: 1 }],
    (text) => ['POST', `/${SCRATCH}`, { _id: `sur-${text}` }],
    (text) => ['POST', `/${SCRATCH}/_bulk_docs`, { docs: [{ _id: `bulk-${text}` }] }],
  ];
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: targets.length - 1 }), surrogate, async (index, text) => {
      const [method, path, body] = targets[index]!(text);
      const answer = await check(method, path, JSON.stringify(body));
      const written = answer.status === 201 ? (Array.isArray(answer.json) ? answer.json[0] : answer.json) : undefined;
      if (!written?.ok) return; // refused: fine
      const id: string = written.id;
      const got = await check('POST', `/${SCRATCH}/_all_docs?include_docs=true`, JSON.stringify({ keys: [id] }));
      const doc = got.json?.rows?.[0]?.doc;
      if (!doc) {
        problem(`a lone surrogate accepted by ${method} ${path} cannot be read back`, `${describe(method, path, JSON.stringify(body))} → id ${JSON.stringify(id)}, read back: ${got.text.slice(0, 200)}`);
        return;
      }
      const { _rev: rev, ...content } = doc;
      const expected = { _id: id, ...(index < 2 ? (body as object) : {}) };
      if (!isDeepStrictEqual(content, expected)) {
        problem(`a lone surrogate accepted by ${method} ${path} is stored altered`, `${describe(method, path, JSON.stringify(body))} → 201, read back ${JSON.stringify(content)}`);
      }
      await check('POST', `/${SCRATCH}/_bulk_docs`, JSON.stringify({ docs: [{ _id: id, _rev: rev, _deleted: true }] }));
    }),
    { ...params(80), examples: [[0, '\ud800'], [2, '\ud800']] },
  );
  await assertHealthyAndUnchanged();
});

test('oversized bodies and documents get 413 on every write path', async () => {
  const bigDoc = (bytes: number, id?: string) => ({ ...(id ? { _id: id } : {}), pad: 'x'.repeat(bytes) });
  const cases: Array<[string, string, unknown]> = [
    ['PUT', `/${SCRATCH}/big`, bigDoc(MAX_DOC_BYTES + 100)],
    ['POST', `/${SCRATCH}`, bigDoc(MAX_DOC_BYTES + 100, 'big-post')],
    ['PUT', `/${SCRATCH}/_design/big`, { views: {}, pad: 'x'.repeat(MAX_DOC_BYTES + 100) }],
    ['PUT', `/${SCRATCH}/_local/big`, bigDoc(MAX_DOC_BYTES + 100)],
    ['POST', `/${SCRATCH}/_bulk_docs`, { docs: [bigDoc(MAX_REQUEST_BYTES + 100, 'big-request')] }],
    ['POST', MAP_VIEW, { keys: Array.from({ length: 120_000 }, (_, i) => `key-${i}`) }],
    ['POST', `/${KEEP}/_all_docs`, { keys: Array.from({ length: 120_000 }, (_, i) => `key-${i}`) }],
    ['PUT', `/${KEEP}/big`, bigDoc(MAX_REQUEST_BYTES + 100)],
  ];
  for (const [method, path, body] of cases) {
    const text = JSON.stringify(body);
    await refused(method, path, text, [413]);
  }
  // A single document over the limit inside a small _bulk_docs request is refused too:
  // the whole request with 413, or that document with an error.
  const bulk = await check('POST', `/${SCRATCH}/_bulk_docs`, JSON.stringify({ docs: [{ _id: 'small' }, bigDoc(MAX_DOC_BYTES + 100, 'big-in-bulk')] }));
  const bigResult = Array.isArray(bulk.json) ? bulk.json.find((result: { id?: string }) => result.id === 'big-in-bulk') : undefined;
  if (!(bulk.status === 413 || (bigResult && !bigResult.ok && typeof bigResult.error === 'string'))) {
    problem('_bulk_docs accepts a document over SETTEE_MAX_DOC_BYTES', `a ${MAX_DOC_BYTES + 100}-byte document in _bulk_docs → ${bulk.status} ${bulk.text.slice(0, 200)}`);
  }
  await assertHealthyAndUnchanged();
});

test('database create and delete with arbitrary names, and every method on every route', async () => {
  const names = fc.oneof(
    fc.constantFrom('a', 'A', '1a', '_users', '_replicator', '_global_changes', 'a b', 'a/b', 'a..b', '..', '.', 'a$()+-/_', 'a'.repeat(238), 'a'.repeat(239), 'ü', 'a\u0000', 'a%2Fb'),
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.stringMatching(/^[a-z][a-z0-9_$()+/-]{0,10}$/),
  ).filter((name) => name !== KEEP && name !== SCRATCH);
  await fc.assert(
    fc.asyncProperty(names, async (name) => {
      const path = `/${encodeURIComponent(name)}`;
      const created = await check('PUT', path);
      await check('GET', path);
      await check('PUT', path);
      const deleted = await check('DELETE', path);
      if (created.status === 201 && deleted.status !== 200) problem('a created database cannot be deleted', `${JSON.stringify(name)}: created, then DELETE → ${deleted.status} ${deleted.text}`);
    }),
    params(500),
  );
  const routes = [`/${KEEP}`, `/${KEEP}/d01`, `/${KEEP}/_all_docs`, `/${KEEP}/_bulk_docs`, `/${KEEP}/_changes`, MAP_VIEW, `${MAP_VIEW}/queries`, `/${KEEP}/${DDOC}/_info`, '/_uuids', '/_all_dbs', '/'];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...routes), fc.constantFrom('PATCH', 'OPTIONS', 'PROPFIND', 'DELETE', 'PUT', 'POST', 'HEAD', 'COPY', 'MKCOL'), async (path, method) => {
      // Bodies are malformed JSON, so nothing on `keep` can change.
      if (method === 'DELETE' && (path === `/${KEEP}` || path === `/${KEEP}/d01`)) return;
      await check(method, path, method === 'HEAD' ? undefined : '{"malformed":');
    }),
    params(200),
  );
  await assertHealthyAndUnchanged();
});

test('hostile headers: content types, content-encoding, authorization noise', async () => {
  const headerSets = fc.record({
    'content-type': fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '', 'application/json; charset=latin1', 'application/jsonx'),
    authorization: fc.constantFrom('', 'Basic', 'Basic !!!', `Basic ${Buffer.from('a:b').toString('base64')}`, 'Bearer x', 'Basic ' + 'A'.repeat(4000)),
  });
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...READ_ENDPOINTS.map(([path]) => path)), headerSets, fc.constantFrom('GET', 'POST'), async (path, headers, method) => {
      const clean = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ''));
      await check(method, `${path}${path.endsWith('_changes') ? '?timeout=30' : ''}`, method === 'POST' ? '{"keys":[1]' : undefined, clean);
    }),
    params(300),
  );
  await check('PUT', `/${KEEP}/gz`, Buffer.from([0x1f, 0x8b, 0x08, 0x00]), { 'content-encoding': 'gzip' });
  await assertHealthyAndUnchanged();
});

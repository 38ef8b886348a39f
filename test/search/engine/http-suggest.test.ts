/** `_suggest` and `_search_analyze` over HTTP. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Sandbox } from '../../../views/index.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';

let server: TestServer;
before(async () => {
  server = await startTestServer();
  await server.request('PUT', '/films');
  const docs = ['The Godfather', 'The Good, the Bad and the Ugly', 'Goodfellas', 'Casablanca', 'Chinatown'].map((title, i) => ({ _id: `f${i}`, title }));
  await server.request('POST', '/films/_bulk_docs', { docs });
  const index = 'function(doc){ if (doc.title) { index("title", doc.title, {store: true, suggest: true}); } }';
  await server.request('PUT', '/films/_design/films', { indexes: { titles: { index } } });
});
after(() => server.close());

/** The sandbox passes `{suggest: true}` through once it knows the option. */
const sandboxKnowsSuggest = (): boolean => {
  const sandbox = new Sandbox({ indexes: [{ name: 'x', source: 'function(doc){ index("t", "v", {suggest: true}); }' }] });
  const [result] = sandbox.runIndex([{ _id: 'a' }]);
  return (result?.fields[0]?.[0] as { suggest?: boolean } | undefined)?.suggest === true;
};

test('_suggest finds titles from unfinished and misspelt words', async (t) => {
  if (!sandboxKnowsSuggest()) return t.skip('the sandbox does not pass index(..., {suggest: true}) through yet');
  const response = await server.request('GET', '/films/_design/films/_suggest/titles?q=goo&limit=10');
  assert.equal(response.status, 200);
  assert.deepEqual(response.body.rows.map((row: { id: string }) => row.id).sort(), ['f0', 'f1', 'f2']);
  const typo = await server.request('GET', '/films/_design/films/_suggest/titles?q=casablnca');
  assert.deepEqual(typo.body.rows.map((row: { fields: { title: string } }) => row.fields.title), ['Casablanca']);
  return undefined;
});

test('_suggest validates its parameters', async () => {
  assert.equal((await server.request('GET', '/films/_design/films/_suggest/titles')).status, 400);
  assert.equal((await server.request('GET', '/films/_design/films/_suggest/titles?q=a&limit=0')).status, 400);
  assert.equal((await server.request('GET', '/films/_design/films/_suggest/missing?q=a')).status, 404);
});

test('_search_analyze answers with tokens, and names its errors', async () => {
  assert.deepEqual((await server.request('POST', '/_search_analyze', { analyzer: 'standard', text: 'ablanks@renovations.com' })).body, { tokens: ['ablanks', 'renovations.com'] });
  assert.deepEqual((await server.request('GET', '/_search_analyze?analyzer=keyword&text=ablanks@renovations.com')).body, { tokens: ['ablanks@renovations.com'] });
  assert.equal((await server.request('POST', '/_search_analyze', { text: 'x' })).body.reason, 'analyzer parameter is mandatory');
  assert.equal((await server.request('POST', '/_search_analyze', { analyzer: 'standard' })).body.reason, 'text parameter is mandatory');
});

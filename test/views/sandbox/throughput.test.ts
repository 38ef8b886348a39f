/**
 * Map throughput on small documents, reported in the test output. The bound asserted is
 * loose (machines and CI vary); the figure printed is what to watch.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Sandbox } from '../../../views/sandbox/index.js';

const DOCS = 100_000;
const MIN_DOCS_PER_SECOND = 50_000;

describe('throughput', () => {
  it(`maps ${DOCS} small documents with function(doc){ emit(doc.type, 1) }`, (t) => {
    const docs = Array.from({ length: DOCS }, (_, i) => JSON.stringify({ _id: `doc${i}`, _rev: '1-abc', type: `t${i % 10}`, n: i }));
    const sandbox = new Sandbox({ maps: [{ name: 'by_type', source: 'function(doc){ emit(doc.type, 1) }' }] });
    sandbox.runMap(docs.slice(0, 10_000));
    let best = 0;
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      const results = sandbox.runMap(docs);
      const rate = DOCS / ((performance.now() - started) / 1000);
      best = Math.max(best, rate);
      assert.equal(results.length, DOCS);
      assert.deepEqual(results[3]?.rows, [[['t3', 1]]]);
    }
    t.diagnostic(`map throughput: ${Math.round(best).toLocaleString('en')} docs/s (best of 3, JSON text input)`);
    assert.ok(best > MIN_DOCS_PER_SECOND, `${Math.round(best)} docs/s`);
  });
});

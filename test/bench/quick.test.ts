/**
 * Keeps the benchmark harness from rotting: runs the quick (10k-document) mode of the
 * document-store scenario end to end, with its peer and real HTTP, in a temporary
 * directory. No timing assertions: figures only have to exist.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderTable, runBench } from '../../bench/harness.js';
import { withTempDir } from '../helpers/temp-dir.js';

test('the quick benchmark runs the bulk-write scenario and writes its report', async () => {
  await withTempDir(async (dir) => {
    const report = await runBench({ quick: true, only: 'bulk-write', outDir: dir, scratchRoot: dir, log: () => undefined });
    assert.deepEqual(report.notes, []);
    assert.equal(report.judged, false);
    assert.deepEqual(
      report.rows.map((result) => result.scenario),
      ['bulk write, library bulkDocs ×1000, 10k docs', 'bulk write, HTTP _bulk_docs ×1000, 10k docs'],
    );
    for (const result of report.rows) {
      assert.ok(result.settee !== null && result.settee > 0, `${result.scenario} has a figure`);
      assert.equal(result.peer?.name, 'PouchDB');
      assert.ok(result.ratio !== null && result.ratio !== undefined && result.ratio > 0);
    }
    assert.match(renderTable(report), /bulk write, library bulkDocs/);
    const saved = JSON.parse(await readFile(join(dir, 'latest.json'), 'utf8')) as { rows: unknown[] };
    assert.equal(saved.rows.length, 2);
    assert.match(await readFile(join(dir, 'latest.md'), 'utf8'), /\| scenario \| Settee \| peer \| ratio \| target \| met\? \|/);
  });
});

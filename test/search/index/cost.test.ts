/**
 * The cost of one update stays flat as the index grows: the table operations and bytes
 * written to re-index one document are bounded by the bucket, not the index size.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAnalyzerSpec } from '../../../search/analysis/index.js';
import { SearchIndex, SEARCH_TABLE_NAMES, type SearchTables } from '../../../search/index/index.js';
import { call, openTestStore, put } from './fixture.js';

const WORDS = Array.from({ length: 300 }, (_, i) => `w${i}`);

function doc(i: number, salt = 0) {
  const words = Array.from({ length: 60 }, (_, j) => WORDS[(i * 7 + j * 13 + salt) % (j % 3 === 0 ? 10 : WORDS.length)]!);
  return put(`doc${i}`, call('default', words.join(' ')), call('n', i), call('tag', `t${i % 20}`, { facet: true }));
}

/** Counts operations and bytes written through the tables. */
function counted(tables: SearchTables): { tables: SearchTables; ops: () => number; bytes: () => number } {
  let ops = 0;
  let bytes = 0;
  const wrapped = {} as Record<string, unknown>;
  for (const name of SEARCH_TABLE_NAMES) {
    const table = tables[name] as unknown as Record<string, (...args: unknown[]) => unknown>;
    wrapped[name] = new Proxy(table, {
      get(target, property) {
        const value = target[property as string];
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          ops++;
          if (property === 'put') bytes += args[1] instanceof Uint8Array ? args[1].length : JSON.stringify(args[1] ?? null).length;
          return value.apply(target, args);
        };
      },
    });
  }
  return { tables: wrapped as unknown as SearchTables, ops: () => ops, bytes: () => bytes };
}

async function costOfOneUpdate(size: number): Promise<{ ops: number; bytes: number }> {
  const store = await openTestStore();
  try {
    const meter = counted(store.tables('cost'));
    const index = new SearchIndex(meter.tables, parseAnalyzerSpec('standard'));
    for (let i = 0; i < size; i += 500) await store.store.write(() => index.apply(Array.from({ length: Math.min(500, size - i) }, (_, j) => doc(i + j)), i + 500));
    const [ops, bytes] = [meter.ops(), meter.bytes()];
    await store.store.write(() => index.apply([doc(size - 7, 1)], size + 1));
    return { ops: meter.ops() - ops, bytes: meter.bytes() - bytes };
  } finally {
    await store.close();
  }
}

test('re-indexing one document costs the same at 1,000 and at 8,000 documents', async () => {
  const small = await costOfOneUpdate(1000);
  const large = await costOfOneUpdate(8000);
  assert.ok(small.ops > 50 && small.bytes > 1000, JSON.stringify(small));
  assert.ok(large.ops <= small.ops * 1.5, `table operations: ${small.ops} → ${large.ops}`);
  assert.ok(large.bytes <= small.bytes * 1.5, `bytes written: ${small.bytes} → ${large.bytes}`);
});

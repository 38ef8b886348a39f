/**
 * Scenario 4 (issues 3 and 8): key encoding and collation micro-benchmarks with the
 * `benchmark` package, on keys drawn from the corpus (the cheap map's type strings, the
 * reference map's [tag, ts] keys, titles as long strings) and on mixed-script strings
 * with accents and case. Peers: the same operation in raw (code-point) collation, and
 * for string comparison JavaScript's own `Intl.Collator` at root locale.
 */
import Benchmark from 'benchmark';
import { collate, collateRaw, encodeKey, keyCodec, type JsonValue } from '../../views/collation/index.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { row, type ResultRow } from '../lib/results.js';

/** Seconds each micro-benchmark runs (benchmark.js `maxTime`). */
const MAX_TIME_S = { quick: 0.3, full: 1.5 } as const;
const INPUTS = 1024;
const MIXED = ['Émile', 'émile', 'Zoë', 'zoe', 'résumé', 'Resume', 'привет', 'Привет', '東京', 'straße', 'STRASSE', 'naïve café', 'a\u200Bb', 'Ω-3', '9 lives', 'ﬁle'];

interface MicroCase {
  label: string;
  settee: (i: number) => unknown;
  peer: { name: string; run: (i: number) => unknown };
}

export const collation: Scenario = {
  name: 'collation',
  async run(context) {
    const cases = microCases(context);
    const maxTime = context.quick ? MAX_TIME_S.quick : MAX_TIME_S.full;
    const rows: ResultRow[] = [];
    for (const micro of cases) {
      const settee = opsPerSecond(micro.label, micro.settee, maxTime);
      const peer = opsPerSecond(`${micro.label} (${micro.peer.name})`, micro.peer.run, maxTime);
      context.log(`collation ${micro.label}: ${settee.hz.toFixed(0)} ops/s (±${settee.rme.toFixed(1)}%), ${micro.peer.name} ${peer.hz.toFixed(0)}`);
      rows.push(
        row({
          scenario: `collation: ${micro.label}`,
          unit: 'ops/s',
          settee: settee.hz,
          peer: { name: micro.peer.name, value: peer.hz },
          detail: `±${settee.rme.toFixed(1)}%`,
        }),
      );
    }
    return rows;
  },
};

function microCases(context: BenchContext): MicroCase[] {
  const docs = context.corpus.slice(0, INPUTS);
  const types: JsonValue[] = docs.map((doc) => doc.type);
  const refKeys: JsonValue[] = docs.map((doc) => [doc.tags[0]!, doc.ts]);
  const ids = docs.map((doc) => doc._id);
  const titles: JsonValue[] = docs.map((doc) => doc.title);
  const mixed: string[] = Array.from({ length: INPUTS }, (_, i) => `${MIXED[i % MIXED.length]} ${docs[i]!.title.split(' ')[0]}`);
  const at = <T>(list: readonly T[], i: number): T => list[i & (INPUTS - 1)]!;
  const icu = keyCodec('icu');
  const raw = keyCodec('raw');
  const root = new Intl.Collator('und');
  return [
    { label: 'encode a type string key', settee: (i) => encodeKey(at(types, i), 'icu'), peer: { name: 'raw collation', run: (i) => encodeKey(at(types, i), 'raw') } },
    {
      label: 'row key of [tag, ts] + docId',
      settee: (i) => icu.rowKey(at(refKeys, i), at(ids, i)),
      peer: { name: 'raw collation', run: (i) => raw.rowKey(at(refKeys, i), at(ids, i)) },
    },
    { label: 'encode a title (≈50 chars)', settee: (i) => encodeKey(at(titles, i), 'icu'), peer: { name: 'raw collation', run: (i) => encodeKey(at(titles, i), 'raw') } },
    { label: 'encode a mixed-script string', settee: (i) => encodeKey(at(mixed, i), 'icu'), peer: { name: 'raw collation', run: (i) => encodeKey(at(mixed, i), 'raw') } },
    {
      label: 'collate two titles',
      settee: (i) => collate(at(titles, i), at(titles, i + 1)),
      peer: { name: 'Intl.Collator root', run: (i) => root.compare(at(titles, i) as string, at(titles, i + 1) as string) },
    },
    {
      label: 'collate two mixed-script strings',
      settee: (i) => collate(at(mixed, i), at(mixed, i + 1)),
      peer: { name: 'Intl.Collator root', run: (i) => root.compare(at(mixed, i), at(mixed, i + 1)) },
    },
    {
      label: 'collate two [tag, ts] keys',
      settee: (i) => collate(at(refKeys, i), at(refKeys, i + 1)),
      peer: { name: 'raw collation', run: (i) => collateRaw(at(refKeys, i), at(refKeys, i + 1)) },
    },
  ];
}

/** Runs one micro-benchmark synchronously; `i` advances on every call so inputs cycle. */
function opsPerSecond(name: string, operation: (i: number) => unknown, maxTime: number): { hz: number; rme: number } {
  let i = 0;
  let sink: unknown;
  const bench = new Benchmark(name, () => void (sink = operation(i++)), { maxTime });
  bench.run();
  if (bench.error) throw bench.error;
  if (sink === undefined && i === 0) throw new Error(`${name} never ran`);
  return { hz: bench.hz, rme: bench.stats.rme };
}

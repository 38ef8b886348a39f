import { estimateCardinality, HllRegisters, type HllSketch } from './hyperloglog.js';
import { valueOutput, type Reducer } from './reducer.js';

/**
 * `_approx_count_distinct` (§5.5): a HyperLogLog sketch of the rows' full keys, values
 * ignored. A key is identified by its JSON text, so keys CouchDB's collation calls equal
 * but that differ in bytes (`1` vs `1.0` aside, which JSON cannot tell apart) count twice,
 * as CouchDB's do. Rereduce is the exact register union; the output is the rounded estimate.
 */
export function approxCountDistinctReducer(): Reducer<HllSketch> {
  return {
    reduce(rows) {
      const registers = new HllRegisters();
      for (const row of rows) registers.add(JSON.stringify(row.key));
      return registers.toSketch();
    },
    rereduce(parts) {
      const registers = new HllRegisters();
      for (const part of parts) registers.merge(part);
      return registers.toSketch();
    },
    finalize: (sketch) => valueOutput(Math.round(estimateCardinality(sketch))),
  };
}

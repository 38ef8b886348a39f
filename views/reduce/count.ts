import { valueOutput, type Reducer } from './reducer.js';

/** `_count` (§5.3): the number of rows, whatever their values; rereduce adds the counts. */
export function countReducer(): Reducer<number> {
  return {
    reduce: (rows) => rows.length,
    rereduce: (parts) => parts.reduce((total, part) => total + part, 0),
    finalize: valueOutput,
  };
}

/** The row-key codec of a view: the collation module's `keyCodec` for its collation mode. */
import { keyCodec, type CollationMode } from '../collation/index.js';
import type { RowKeyCodec } from './row-codec.js';

export function createRowKeyCodec(collation: CollationMode): RowKeyCodec {
  return keyCodec(collation);
}

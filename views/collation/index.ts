/**
 * Public API of `views/collation/`: CouchDB key collation (ICU and raw) and the
 * order-preserving binary encoding of view keys and rows. See DESIGN-collation.md.
 */
export {
  collate,
  collateRaw,
  comparatorFor,
  COLLATION_MODES,
  type CollationMode,
  type Comparator,
  type JsonObject,
  type JsonValue,
} from './collate.js';
export { COLLATOR_VERSION, compareIcuStrings, icuSortKey } from './icu-strings.js';
export { encodeKey } from './key-codec.js';
export {
  keyCodec,
  decodeDocId,
  isTruncatedRowKey,
  sameTieBlock,
  KEY_PREFIX_BYTES,
  MAX_KEY_BYTES,
  MAX_ROW_KEY_BYTES,
  RESERVED_SUFFIX_BYTES,
  type KeyCodec,
  type KeyRange,
  type RowIdentity,
} from './row-key.js';
export { compareBytes } from './byte-writer.js';
export { compareUtf8 as compareDocIds } from './utf8.js';

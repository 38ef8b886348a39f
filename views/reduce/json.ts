/**
 * The value shapes the reduce module works on. `JsonValue` is declared here, structurally
 * identical to the engine's and collation's, so this module depends on nobody's types.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** One map row as a reduce sees it: the emitted key, the source document id, the emitted value. */
export interface ReduceRow {
  readonly key: JsonValue;
  readonly id: string;
  readonly value: JsonValue;
}

/**
 * Orders two JSON values: negative, zero (equal) or positive. The view's collation
 * (ICU or raw) is passed in by the caller so this module does not import collation.
 */
export type Comparator = (a: JsonValue, b: JsonValue) => number;

export function isJsonObject(value: JsonValue): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

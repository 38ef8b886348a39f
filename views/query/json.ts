/**
 * The JSON values a query carries (keys, key ranges). `JsonValue` is declared here,
 * structurally identical to the engine's, collation's and reduce's, so this module
 * depends on nobody's types.
 */
import { errors } from '../errors.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Orders two JSON values (negative, zero, positive) by a view's collation. */
export type Collate = (a: JsonValue, b: JsonValue) => number;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Decodes a JSON-typed query-string parameter (`key`, `startkey`, ...). CouchDB answers
 * any undecodable value with 400 `bad_request` "invalid UTF-8 JSON".
 */
export function decodeJsonParam(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    throw errors.badRequest('invalid UTF-8 JSON');
  }
}

/**
 * Exact structural identity, as Erlang's `=` match on two decoded terms: same type, same
 * scalars, arrays element-wise, objects member-wise in member order. Not collation
 * equality (`"a"` and `"A"` differ here whatever the collation says).
 */
export function identicalJson(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => identicalJson(item, b[i]));
  }
  if (isJsonObject(a) && isJsonObject(b)) {
    const left = Object.entries(a);
    const right = Object.entries(b);
    return (
      left.length === right.length &&
      left.every(([name, value], i) => right[i][0] === name && identicalJson(value, right[i][1]))
    );
  }
  return false;
}

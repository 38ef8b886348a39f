/**
 * Reading CouchDB-style query-string parameters: booleans, non-negative integers and
 * JSON values, with CouchDB's 400 errors for values of the wrong type.
 */
import { errors } from '../../views/index.js';

export type Query = Record<string, string | string[] | undefined>;

/** The last occurrence wins, as in CouchDB. */
export function last(query: Query, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[value.length - 1] : value;
}

export function bool(query: Query, name: string): boolean | undefined {
  const raw = last(query, name);
  if (raw === undefined) return undefined;
  const lower = raw.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw errors.queryParse(`Invalid boolean parameter: "${raw}"`);
}

export function nonNegativeInt(query: Query, name: string): number | undefined {
  const raw = last(query, name);
  if (raw === undefined) return undefined;
  if (!/^-?\d+$/.test(raw)) throw errors.queryParse(`Invalid value for integer: "${raw}"`);
  const value = Number(raw);
  if (value < 0) throw errors.queryParse(`Invalid value for positive integer: "${raw}"`);
  return value;
}

export function json(query: Query, name: string): unknown {
  const raw = last(query, name);
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw errors.badRequest('invalid UTF-8 JSON');
  }
}

export function stringParam(query: Query, name: string): string | undefined {
  const value = json(query, name);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw errors.queryParse(`\`${name}\` must be a string`);
  return value;
}

/** A request body that did not parse as JSON, sent with a non-JSON content type. */
export class NonJsonBody {
  constructor(readonly text: string) {}
}

/** A request body that must be a JSON object. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body instanceof NonJsonBody) throw errors.badRequest('invalid UTF-8 JSON');
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw errors.badRequest('Request body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

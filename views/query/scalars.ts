/**
 * Reading one parameter value as a boolean, an integer or text, with CouchDB's exact
 * error messages (`couch_mrview_http:parse_boolean/parse_int/parse_pos_int`). The
 * offending value is echoed the way Erlang's `~p` prints it: query-string text as a
 * quoted string (`"abc"`), numbers bare, and a JSON-body string that should have been
 * an integer as a binary (`<<"5">>`).
 */
import { errors } from '../errors.js';
import { decodeJsonParam, type JsonValue } from './json.js';

/** A parameter value: raw text from the query string, or a decoded member of a JSON body. */
export type ParamValue =
  | { readonly source: 'query'; readonly text: string }
  | { readonly source: 'body'; readonly value: JsonValue };

/** What `list_to_integer/1` accepts: an optional sign and decimal digits, nothing else. */
const ERLANG_INTEGER = /^[+-]?[0-9]+$/;

/** `true`/`false` in any letter case, or a JSON boolean from a body. */
export function parseBoolean(param: ParamValue): boolean {
  if (param.source === 'body' && typeof param.value === 'boolean') return param.value;
  const text = param.source === 'query' ? param.text : param.value;
  if (typeof text === 'string') {
    const lower = asciiLowerCase(text);
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    // CouchDB turns a body binary into a list before complaining, so it prints as "...".
    throw errors.queryParse(`Invalid boolean parameter: ${erlangString(text)}`);
  }
  throw errors.queryParse(`Invalid boolean parameter: ${erlangTerm(text)}`);
}

export function parseInteger(param: ParamValue): number {
  if (param.source === 'query') {
    // `+ 0` turns "-0" into 0.
    if (ERLANG_INTEGER.test(param.text)) return Number(param.text) + 0;
  } else if (typeof param.value === 'number' && Number.isInteger(param.value)) {
    return param.value + 0;
  }
  throw errors.queryParse(`Invalid value for integer: ${echo(param)}`);
}

/** A non-negative integer; CouchDB calls it "positive". */
export function parsePositiveInteger(param: ParamValue): number {
  const value = parseInteger(param);
  if (value < 0) throw errors.queryParse(`Invalid value for positive integer: ${echo(param)}`);
  return value;
}

/** A JSON-typed parameter: decoded from query-string text, taken as is from a body. */
export function parseJson(param: ParamValue): JsonValue {
  return param.source === 'query' ? decodeJsonParam(param.text) : param.value;
}

/**
 * A text parameter (`startkey_docid`, `partition`), as `couch_util:to_binary/1`: text as
 * is, body scalars in their printed form (`21` → `"21"`, `true` → `"true"`). Body arrays
 * and objects are kept as they are, so validation rejects them by name rather than
 * turning them into Erlang's printout.
 */
export function parseText(param: ParamValue): JsonValue {
  if (param.source === 'query') return param.text;
  const { value } = param;
  if (typeof value === 'object' && value !== null) return value;
  return typeof value === 'string' ? value : String(value);
}

/** How `~p` shows the value that was given. */
function echo(param: ParamValue): string {
  return param.source === 'query' ? erlangString(param.text) : erlangTerm(param.value);
}

/** A decoded JSON term as `~p` prints it; strings in a body are binaries. */
function erlangTerm(value: JsonValue): string {
  if (typeof value === 'string') return `<<${erlangString(value)}>>`;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

const ERLANG_ESCAPES: Readonly<Record<string, string>> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A character list as `~p` prints it: double-quoted, with `"` and `\` escaped. */
function erlangString(text: string): string {
  return `"${text.replace(/["\\\n\r\t]/g, (char) => ERLANG_ESCAPES[char] ?? char)}"`;
}

/** Lower-cases ASCII letters only: no other letter can spell `true` or `false`. */
function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]/g, (char) => char.toLowerCase());
}

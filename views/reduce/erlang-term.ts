import type { JsonValue } from './json.js';

/**
 * Prints a JSON value the way CouchDB's error messages print the Erlang term it decoded
 * to (`io_lib:format("~w")`, which `~p` matches for short terms): strings are binaries
 * `<<"a">>`, objects are `{[{<<"k">>,1}]}`, floats always carry a `.` and an unsigned
 * exponent. Messages only; nothing parses these.
 *
 * @example
 * formatErlangTerm({ a: [1, 'x'] }); // '{[{<<"a">>,[1,<<"x">>]}]}'
 */
export function formatErlangTerm(value: JsonValue): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'string') return formatBinary(value);
  if (Array.isArray(value)) return `[${value.map(formatErlangTerm).join(',')}]`;
  return `{${formatProplist(value)}}`;
}

/** An object's members as an Erlang property list: `[{<<"k">>,v},…]`. */
export function formatProplist(object: { [key: string]: JsonValue }): string {
  const members = Object.entries(object).map(([k, v]) => `{${formatBinary(k)},${formatErlangTerm(v)}}`);
  return `[${members.join(',')}]`;
}

function formatBinary(text: string): string {
  return `<<"${text.replace(/["\\]/g, (c) => `\\${c}`)}">>`;
}

/** Integers print bare; other numbers as Erlang floats (`1.5`, `1.0e-7`, `1.0e21`). */
function formatNumber(n: number): string {
  const text = String(n);
  if (Number.isInteger(n) && !text.includes('e')) return text;
  const [mantissa = text, exponent] = text.split('e');
  const withPoint = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return exponent === undefined ? withPoint : `${withPoint}e${exponent.replace('+', '')}`;
}

/**
 * Clouseau treats a query term as a number when `java.lang.Double.valueOf` would accept
 * it (the grammar documented on that method): decimal, `NaN`, `Infinity`, hexadecimal
 * floating point, an optional `f`/`d` suffix, surrounding ASCII control/space characters.
 */
const DIGITS = '[0-9]+';
const EXPONENT = `[eE][+-]?${DIGITS}`;
const DECIMAL = `(?:${DIGITS}\\.?(?:${DIGITS})?(?:${EXPONENT})?|\\.${DIGITS}(?:${EXPONENT})?)`;
const HEX = `0[xX](?<hexInt>[0-9a-fA-F]*)\\.?(?<hexFrac>[0-9a-fA-F]*)[pP](?<hexExp>[+-]?${DIGITS})`;
const JAVA_DOUBLE = new RegExp(
  `^[\\x00-\\x20]*(?<sign>[+-]?)(?:(?<special>NaN|Infinity)|(?:(?<decimal>${DECIMAL})|${HEX})[fFdD]?)[\\x00-\\x20]*$`,
);

/** The value Java would read from `text`, or `undefined` when it is not a Java double. */
export function parseJavaDouble(text: string): number | undefined {
  const groups = JAVA_DOUBLE.exec(text)?.groups;
  if (groups === undefined) return undefined;
  const sign = groups.sign === '-' ? -1 : 1;
  if (groups.special !== undefined) return groups.special === 'NaN' ? NaN : sign * Infinity;
  if (groups.decimal !== undefined) return sign * Number(groups.decimal);
  const int = groups.hexInt ?? '';
  const frac = groups.hexFrac ?? '';
  if (int === '' && frac === '') return undefined;
  const mantissa = Number(BigInt(`0x${int}${frac}`));
  return sign * mantissa * 2 ** (Number(groups.hexExp) - 4 * frac.length);
}

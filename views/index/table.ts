/**
 * The narrow storage interface a view index needs: ordered tables with binary keys,
 * read and written inside the caller's transaction. The engine passes LMDB tables,
 * which satisfy it; `views/` never imports the storage driver.
 */
export type Bytes = Uint8Array;

export interface BytesRange {
  start?: Bytes;
  end?: Bytes;
  reverse?: boolean;
  limit?: number;
}

export interface OrderedTable<V> {
  get(key: Bytes): V | undefined;
  put(key: Bytes, value: V): void;
  remove(key: Bytes): void;
  range(query?: BytesRange): Iterable<{ key: Bytes; value: V }>;
  keys(query?: BytesRange): Iterable<Bytes>;
  count(query?: BytesRange): number;
  clear(): void;
}

export function compareBytes(a: Bytes, b: Bytes): number {
  return Buffer.compare(a, b);
}

export function concatBytes(...parts: Bytes[]): Bytes {
  return Buffer.concat(parts);
}

/** The smallest key strictly greater than every key that has `prefix` as a prefix. */
export function prefixEnd(prefix: Bytes): Bytes {
  const bytes = Buffer.from(prefix);
  for (let i = bytes.length - 1; i >= 0; i--) {
    if (bytes[i]! < 0xff) {
      bytes[i]!++;
      return bytes.subarray(0, i + 1);
    }
  }
  return Buffer.from([0xff, 0xff, 0xff, 0xff]);
}

/** A half-open or closed interval of row keys. */
export interface KeyInterval {
  lo?: Bytes;
  loInclusive?: boolean;
  hi?: Bytes;
  hiInclusive?: boolean;
}

export function aboveLow(key: Bytes, interval: KeyInterval): boolean {
  if (!interval.lo) return true;
  const order = compareBytes(key, interval.lo);
  return interval.loInclusive === false ? order > 0 : order >= 0;
}

export function belowHigh(key: Bytes, interval: KeyInterval): boolean {
  if (!interval.hi) return true;
  const order = compareBytes(key, interval.hi);
  return interval.hiInclusive === false ? order < 0 : order <= 0;
}

/** The composite keys of each search table (layout in tables.ts). */
import type { Bytes } from '../../views/index.js';
import { concat, doubleKey, stringKey, u32Key } from './keys.js';

export const termKey = (field: string, term: string): Bytes => concat(stringKey(field), stringKey(term));

export const postingKey = (field: string, term: string, bucket: number): Bytes => concat(stringKey(field), stringKey(term), u32Key(bucket));

export const normsKey = (field: string, bucket: number): Bytes => concat(stringKey(field), u32Key(bucket));

/** `field` is absent for the document-wide columns (live, id). */
export const columnKey = (kind: number, field: string | undefined, bucket: number): Bytes =>
  field === undefined ? concat(Buffer.from([kind]), u32Key(bucket)) : concat(Buffer.from([kind]), stringKey(field), u32Key(bucket));

export const numberKey = (field: string, value: number, doc: number): Bytes => concat(stringKey(field), doubleKey(value), u32Key(doc));

export const docKey = (doc: number): Bytes => u32Key(doc);

export const idKey = (id: string): Bytes => Buffer.from(id, 'utf8');

/** The suggest column has one key per document. */
export const suggestKey = (doc: number): Bytes => concat(Buffer.from([0x67]), u32Key(doc));

/**
 * Revision ids `N-<hash>`: N counts the edits of a document, the hash is an MD5 of the
 * previous revision and the new body, so an identical edit of the same revision yields
 * the same id (as CouchDB's revision ids are deterministic).
 */
import { createHash } from 'node:crypto';
import type { JsonObject } from './types.js';

export function revGeneration(rev: string): number {
  const dash = rev.indexOf('-');
  const n = Number(rev.slice(0, dash));
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export function isValidRev(rev: unknown): rev is string {
  return typeof rev === 'string' && /^[1-9][0-9]*-[0-9a-f]+$/.test(rev);
}

export function nextRev(previous: string | undefined, body: JsonObject, deleted: boolean): string {
  const generation = previous ? revGeneration(previous) + 1 : 1;
  const hash = createHash('md5')
    .update(previous ?? '')
    .update(deleted ? '\u0001' : '\u0000')
    .update(JSON.stringify(body))
    .digest('hex');
  return `${generation}-${hash}`;
}

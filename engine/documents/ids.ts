/**
 * Document id rules, as CouchDB applies them: ids are non-empty strings; ids starting
 * with `_` are reserved except `_design/` and `_local/`; and ids are generated as
 * 32 random hex digits when a client POSTs a document without one.
 */
import { randomBytes } from 'node:crypto';
import { SetteeError, errors } from '../../views/index.js';

export const DESIGN_PREFIX = '_design/';
export const LOCAL_PREFIX = '_local/';

/** LMDB keys are bounded; the doc id is the key of the `docs` table. */
const MAX_DOC_ID_BYTES = 1900;

export type DocIdKind = 'normal' | 'design' | 'local';

export function classifyDocId(id: unknown): DocIdKind {
  if (typeof id !== 'string' || id.length === 0) throw errors.badRequest('Document id must be a string');
  if (Buffer.byteLength(id) > MAX_DOC_ID_BYTES) {
    throw errors.badRequest(`Document id must not be longer than ${MAX_DOC_ID_BYTES} bytes`);
  }
  if (id.startsWith(DESIGN_PREFIX) && id.length > DESIGN_PREFIX.length) return 'design';
  if (id.startsWith(LOCAL_PREFIX) && id.length > LOCAL_PREFIX.length) return 'local';
  if (id.startsWith('_')) throw errors.badRequest('Only reserved document ids may start with underscore.');
  return 'normal';
}

export function isDesignDocId(id: string): boolean {
  return id.startsWith(DESIGN_PREFIX);
}

export function generateDocId(): string {
  return randomBytes(16).toString('hex');
}

/** Members with a leading underscore that a client may send in a document body. */
const ALLOWED_SPECIAL_MEMBERS = new Set([
  '_id',
  '_rev',
  '_deleted',
  '_attachments',
  '_revisions',
  '_revs_info',
  '_conflicts',
  '_deleted_conflicts',
  '_local_seq',
]);

export function checkSpecialMembers(doc: Record<string, unknown>): void {
  for (const name of Object.keys(doc)) {
    if (name.startsWith('_') && !ALLOWED_SPECIAL_MEMBERS.has(name)) {
      throw new SetteeError(400, 'doc_validation', `Bad special document member: ${name}`);
    }
  }
}

/**
 * The one error type Settee throws at the edge of validation. It carries CouchDB's
 * `error` code, a human `reason` and the HTTP status a server answers with, so the
 * same object serves the library API (`err.error === 'conflict'`) and the HTTP layer
 * (`{"error": ..., "reason": ...}` with `err.status`).
 */
export class SetteeError extends Error {
  readonly error: string;
  readonly reason: string;
  readonly status: number;

  constructor(status: number, error: string, reason: string) {
    super(`${error}: ${reason}`);
    this.name = 'SetteeError';
    this.status = status;
    this.error = error;
    this.reason = reason;
  }

  /** The body CouchDB sends for this error. */
  toJSON(): { error: string; reason: string } {
    return { error: this.error, reason: this.reason };
  }
}

/** Shorthands for the errors that recur, named by CouchDB's `error` codes. */
export const errors = {
  badRequest: (reason: string) => new SetteeError(400, 'bad_request', reason),
  queryParse: (reason: string) => new SetteeError(400, 'query_parse_error', reason),
  invalidDesignDoc: (reason: string) => new SetteeError(400, 'invalid_design_doc', reason),
  compilation: (reason: string) => new SetteeError(400, 'compilation_error', reason),
  unauthorized: (reason: string) => new SetteeError(401, 'unauthorized', reason),
  forbidden: (reason: string) => new SetteeError(403, 'forbidden', reason),
  notFound: (reason = 'missing') => new SetteeError(404, 'not_found', reason),
  methodNotAllowed: (reason: string) => new SetteeError(405, 'method_not_allowed', reason),
  conflict: (reason = 'Document update conflict.') => new SetteeError(409, 'conflict', reason),
  fileExists: (reason = 'The database could not be created, the file already exists.') =>
    new SetteeError(412, 'file_exists', reason),
  tooLarge: (reason: string) => new SetteeError(413, 'too_large', reason),
  unsupportedMediaType: (reason: string) => new SetteeError(415, 'bad_content_type', reason),
  internal: (reason: string) => new SetteeError(500, 'internal_server_error', reason),
} as const;

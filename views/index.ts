/** The public API of `views/`: errors, design documents, collation, queries, reduce. */
export { SetteeError, errors } from './errors.js';

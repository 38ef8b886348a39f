/**
 * A user function's exception, carried into the host as plain data. The sandbox never
 * hands the host an object user code created (its getters could run outside the time
 * limit), so the error's name and message are copied out as strings.
 */
export class SandboxFunctionError extends Error {
  /** The user exception's `name` (`TypeError`, `exception` for a thrown non-error, ...). */
  readonly error: string;

  constructor(error: string, message: string) {
    super(message);
    this.name = 'SandboxFunctionError';
    this.error = error;
  }
}

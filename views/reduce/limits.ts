import { errors } from '../errors.js';

/** `[query_server_config] reduce_limit`: enforce, only log, or ignore the overflow check. */
export const REDUCE_LIMIT_MODES = ['true', 'log', 'false'] as const;
export type ReduceLimitMode = (typeof REDUCE_LIMIT_MODES)[number];

/** CouchDB's `reduce_limit_threshold` default: outputs up to this many JSON characters always pass. */
export const DEFAULT_REDUCE_LIMIT_THRESHOLD = 5000;
/** CouchDB's `reduce_limit_ratio` default: an output must be under half of its input to pass. */
export const DEFAULT_REDUCE_LIMIT_RATIO = 2.0;

/** How a view's reductions are guarded and reported. Only `context` is required. */
export interface ReduceLimitOptions {
  /** Names the view in overflow messages, CouchDB-style: `db/_design/ddoc/_view/view`. */
  context: string;
  /** Default `'true'`. */
  limit?: ReduceLimitMode;
  /** Default {@link DEFAULT_REDUCE_LIMIT_THRESHOLD}. */
  threshold?: number;
  /** Default {@link DEFAULT_REDUCE_LIMIT_RATIO}. */
  ratio?: number;
  /** Receives exceptions from custom reduces and overflow warnings. Default: discard. */
  log?: (message: string) => void;
}

export interface ResolvedReduceLimits {
  readonly context: string;
  readonly limit: ReduceLimitMode;
  readonly threshold: number;
  readonly ratio: number;
  readonly log: (message: string) => void;
}

function discard(): void {}

/** Fills defaults and validates; messages name the offending field. */
export function resolveReduceLimits(options: ReduceLimitOptions): ResolvedReduceLimits {
  const { context, limit = 'true', threshold = DEFAULT_REDUCE_LIMIT_THRESHOLD } = options;
  const { ratio = DEFAULT_REDUCE_LIMIT_RATIO, log = discard } = options;
  if (typeof context !== 'string') throw errors.badRequest('options.context must be a string');
  if (!REDUCE_LIMIT_MODES.includes(limit)) {
    throw errors.badRequest(`options.limit must be one of ${REDUCE_LIMIT_MODES.join(', ')}`);
  }
  if (!Number.isFinite(threshold) || threshold < 0) {
    throw errors.badRequest('options.threshold must be a non-negative number');
  }
  if (!Number.isFinite(ratio) || ratio < 0) {
    throw errors.badRequest('options.ratio must be a non-negative number');
  }
  if (typeof log !== 'function') throw errors.badRequest('options.log must be a function');
  return { context, limit, threshold, ratio, log };
}

/**
 * CouchDB's reduce-limit rule: an output longer than the threshold must also be less than
 * `1/ratio` of its input. Sizes are JSON lengths; the input is measured only when the
 * output is already over the threshold, because measuring it means serializing every row.
 * An overflow is always logged; the message is returned in `'true'` mode (the caller
 * replaces the reduction with an error) and `null` otherwise (the output is kept).
 */
export function checkReduceLimit(
  limits: ResolvedReduceLimits,
  outputSize: number,
  inputSize: () => number,
): string | null {
  if (limits.limit === 'false' || outputSize <= limits.threshold) return null;
  const input = inputSize();
  if (outputSize * limits.ratio <= input) return null;
  const message =
    `Reduce output must shrink more rapidly: input size: ${input} ` +
    `output size: ${outputSize} context: ${limits.context}`;
  limits.log(`reduce_overflow_error: ${message}`);
  return limits.limit === 'true' ? message : null;
}

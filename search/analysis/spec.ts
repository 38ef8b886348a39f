import { errors } from '../../views/index.js';
import {
  ANALYZER_NAMES,
  isAnalyzerName,
  isStopwordAnalyzerName,
  UNSUPPORTED_ANALYZER_NAMES,
  type PlainAnalyzerName,
  type StopwordAnalyzerName,
} from './names.js';

/** One analyzer, with the custom stop words of those that take them. */
export type SingleAnalyzerSpec =
  | { readonly kind: StopwordAnalyzerName; readonly stopwords?: readonly string[] }
  | { readonly kind: PlainAnalyzerName };

/** `{"name": "perfield", "default": ..., "fields": {...}}`. */
export interface PerFieldAnalyzerSpec {
  readonly kind: 'perfield';
  readonly default: SingleAnalyzerSpec;
  readonly fields: Readonly<Record<string, SingleAnalyzerSpec>>;
}

export type AnalyzerSpec = SingleAnalyzerSpec | PerFieldAnalyzerSpec;

export const DEFAULT_ANALYZER: SingleAnalyzerSpec = { kind: 'standard' };

/**
 * Reads an analyzer as a design document or `_search_analyze` gives it: a name
 * (`"english"`), an object (`{"name": "standard", "stopwords": [...]}`) or a per-field
 * object. Unknown and unsupported names are a 400 `bad_request`. Inside `perfield`, as
 * in Clouseau, an unusable `default` falls back to `standard` and an unusable field entry
 * to the default (but a known Clouseau analyzer Settee lacks is still a 400).
 */
export function parseAnalyzerSpec(raw: unknown): AnalyzerSpec {
  const options = asOptions(raw);
  if (options.name === 'perfield') return parsePerField(options);
  return parseSingle(options);
}

interface AnalyzerOptions {
  readonly name: string;
  readonly [option: string]: unknown;
}

function asOptions(raw: unknown): AnalyzerOptions {
  if (typeof raw === 'string') return { name: raw };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw errors.badRequest('analyzer must be a string or an object');
  }
  const name: unknown = (raw as Record<string, unknown>).name;
  if (typeof name !== 'string') throw errors.badRequest('analyzer object must have a string `name`');
  return { ...(raw as Record<string, unknown>), name };
}

function parseSingle(options: AnalyzerOptions): SingleAnalyzerSpec {
  const { name } = options;
  if (UNSUPPORTED_ANALYZER_NAMES.has(name)) {
    throw errors.badRequest(`analyzer ${JSON.stringify(name)} is not supported; use one of ${ANALYZER_NAMES.join(', ')}`);
  }
  if (!isAnalyzerName(name)) throw errors.badRequest(`no_such_analyzer: ${JSON.stringify(name)}`);
  if (!isStopwordAnalyzerName(name)) return { kind: name };
  const stopwords = options.stopwords;
  if (!Array.isArray(stopwords)) return { kind: name };
  if (!stopwords.every((word): word is string => typeof word === 'string')) {
    throw errors.badRequest('analyzer stopwords must be a list of strings');
  }
  return { kind: name, stopwords };
}

function parsePerField(options: AnalyzerOptions): PerFieldAnalyzerSpec {
  const fallback = lenientSingle(options.default, DEFAULT_ANALYZER);
  const fields: Record<string, SingleAnalyzerSpec> = {};
  const raw = options.fields;
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    for (const [field, spec] of Object.entries(raw)) fields[field] = lenientSingle(spec, fallback);
  }
  return { kind: 'perfield', default: fallback, fields };
}

/** Parses a perfield entry; anything unusable (except a known-but-unsupported name) becomes `fallback`. */
function lenientSingle(raw: unknown, fallback: SingleAnalyzerSpec): SingleAnalyzerSpec {
  const name = typeof raw === 'string' ? raw : typeof raw === 'object' && raw !== null ? (raw as { name?: unknown }).name : undefined;
  if (typeof name === 'string' && UNSUPPORTED_ANALYZER_NAMES.has(name)) return parseSingle(asOptions(raw));
  try {
    return parseSingle(asOptions(raw));
  } catch {
    return fallback;
  }
}

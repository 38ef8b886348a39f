/**
 * Checks a sandbox's spec and options and works out what its realm must hold: the
 * distinct map sources (views with identical map source share one compiled function
 * and one run per document, as views sharing `{map, options}` share an index in
 * CouchDB), which function each view reads, the index functions and the lib tree.
 */
import type { FunctionSource, ResolvedSandboxOptions, SandboxOptions, SandboxSpec } from './types.js';

export const DEFAULT_SANDBOX_OPTIONS: ResolvedSandboxOptions = {
  timeoutMs: 5000,
  allowCodeGeneration: false,
  maxLogLines: 1000,
  maxRowsPerCall: 1_000_000,
};

export interface SandboxPlan {
  readonly label: string;
  readonly viewNames: readonly string[];
  readonly mapSources: readonly string[];
  /** Per view, the index of its function in `mapSources`. */
  readonly viewFns: readonly number[];
  /** Per function, the views that read it. */
  readonly fnViews: ReadonlyArray<readonly string[]>;
  readonly indexes: readonly FunctionSource[];
  readonly lib: unknown;
}

export function planSandbox(spec: SandboxSpec): SandboxPlan {
  const maps = checkSources(spec.maps, 'spec.maps');
  const indexes = checkSources(spec.indexes, 'spec.indexes');
  const mapSources: string[] = [];
  const fnViews: string[][] = [];
  const viewFns = maps.map(({ name, source }) => {
    let fn = mapSources.indexOf(source);
    if (fn < 0) {
      fn = mapSources.push(source) - 1;
      fnViews.push([]);
    }
    fnViews[fn]?.push(name);
    return fn;
  });
  return {
    label: typeof spec.name === 'string' ? spec.name : 'design',
    viewNames: maps.map(({ name }) => name),
    mapSources,
    viewFns,
    fnViews,
    indexes,
    lib: spec.lib,
  };
}

function checkSources(list: readonly FunctionSource[] | undefined, field: string): FunctionSource[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new TypeError(`${field} must be an array`);
  return list.map((entry: unknown, i) => {
    const { name, source } = (entry ?? {}) as Partial<FunctionSource>;
    if (typeof name !== 'string') throw new TypeError(`${field}[${i}].name must be a string`);
    if (typeof source !== 'string') throw new TypeError(`${field}[${i}].source must be a string`);
    return { name, source };
  });
}

export function resolveOptions(options: SandboxOptions): ResolvedSandboxOptions {
  const resolved = { ...DEFAULT_SANDBOX_OPTIONS, ...definedOnly(options) };
  if (!(Number.isFinite(resolved.timeoutMs) && resolved.timeoutMs > 0)) {
    throw new RangeError('options.timeoutMs must be a positive number');
  }
  if (!(Number.isInteger(resolved.maxLogLines) && resolved.maxLogLines >= 0)) {
    throw new RangeError('options.maxLogLines must be a non-negative integer');
  }
  if (!(Number.isInteger(resolved.maxRowsPerCall) && resolved.maxRowsPerCall > 0)) {
    throw new RangeError('options.maxRowsPerCall must be a positive integer');
  }
  if (typeof resolved.allowCodeGeneration !== 'boolean') {
    throw new TypeError('options.allowCodeGeneration must be a boolean');
  }
  return resolved;
}

function definedOnly(options: SandboxOptions): SandboxOptions {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as SandboxOptions;
}

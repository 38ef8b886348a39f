/**
 * The in-realm loop that runs user functions over a batch, in time slices.
 *
 * `installDriver` never runs in the host: its source text is evaluated inside the
 * sandbox context (see context.ts) and must stay self-contained.
 *
 * Protocol: the host arms one job (`armMap`, `armIndex`, `armReduce`, `armInstall`),
 * then evaluates `<hook>()` with a `vm` timeout. The hook disarms before running, so user
 * code that finds the hook on the global object cannot re-enter it. A batch job works
 * through items from `start` and returns once a slice of `sliceMs` has passed, after at
 * least one item: an item never starts after the slice ends, so with the host's timeout
 * of `timeoutMs + sliceMs` every item gets at least `timeoutMs` before it is interrupted.
 * Finished items are kept in the closure (one `push` each, so an interrupt never leaves
 * an item half-recorded), and after an interrupt `interrupted()` still returns them and
 * names the item that ran out of time.
 *
 * A slice answers JSON `{"end": n, "items": [...], "errors": [[item, fn, name, message,
 * docId, fatal], ...]}`, built by string concatenation from the per-function JSON the
 * collectors produced, so the host does one `JSON.parse` per slice.
 */
import type { CouchKit } from './couch-globals.js';
import type { ModuleKit } from './modules.js';

export type FunctionKind = 'map' | 'index' | 'reduce';

export interface DriverApi {
  readonly armMap: (docs: readonly unknown[], start: number) => void;
  readonly armIndex: (docs: readonly unknown[], start: number) => void;
  /** Each call is the JSON text of `[keys, values, rereduce]`. */
  readonly armReduce: (fn: number, calls: readonly unknown[], start: number) => void;
  /** Arms a call of a compiled factory; its result is `''` or the JSON of `[name, message]`. */
  readonly armInstall: (kind: FunctionKind, factory: unknown) => void;
  /** Which compiled map function each view runs, as the JSON of an index array. */
  readonly setViews: (viewFnsJson: string) => void;
  /**
   * After an interrupt: the finished items, as a slice answer whose `end` is the first
   * unfinished item, plus `interrupted: [fn, docId]` when that item was running.
   */
  readonly interrupted: () => string;
  readonly promisePrototype: object;
}

export interface DriverConfig {
  readonly sliceMs: number;
  readonly hookName: string;
}

export function installDriver(kit: CouchKit, modules: ModuleKit, configJson: string): DriverApi {
  'use strict';
  const { parse, stringify } = JSON;
  const { isArray } = Array;
  const now = Date.now;
  const config = parse(configJson) as DriverConfig;
  const functions: Record<FunctionKind, Array<(...args: unknown[]) => unknown>> = { map: [], index: [], reduce: [] };
  let viewFns: number[] = [];

  let job: (() => string) | null = null;
  let items: readonly unknown[] = [];
  let current = -1;
  let currentFn = -1;
  let currentDocId: string | null = null;
  let sliceStart = 0;
  let outs: string[] = [];
  let errs: string[] = [];

  const isFatal = (err: unknown): boolean => err === 'fatal_error' || (isArray(err) && err[0] === 'fatal');
  const recordError = (item: number, fn: number, err: unknown): void => {
    const [name, message] = kit.describe(err);
    errs.push(stringify([item, fn, name, message, currentDocId, isFatal(err)]));
  };
  const answer = (end: number): string => `{"end":${end},"items":[${outs.join(',')}],"errors":[${errs.join(',')}]}`;

  const openDoc = (item: number): Record<string, unknown> | null => {
    currentDocId = null;
    try {
      const doc = parse(items[item] as string) as Record<string, unknown>;
      kit.deepFreeze(doc);
      if (typeof doc === 'object' && doc !== null && typeof doc._id === 'string') currentDocId = doc._id;
      return doc;
    } catch (err) {
      const [, message] = kit.describe(err);
      errs.push(stringify([item, -1, 'bad_doc', message, null, false]));
      return null;
    }
  };

  const runFunctions = (
    item: number,
    fns: Array<(...args: unknown[]) => unknown>,
    begin: () => void,
    end: () => string,
  ): string[] => {
    const doc = openDoc(item);
    const parts: string[] = [];
    for (let fn = 0; fn < fns.length; fn++) {
      currentFn = fn;
      if (doc === null) {
        parts.push('[]');
        continue;
      }
      begin();
      try {
        (fns[fn] as (doc: unknown) => unknown)(doc);
        parts.push(end());
      } catch (err) {
        kit.abortCollecting();
        parts.push('[]');
        recordError(item, fn, err);
      }
    }
    return parts;
  };

  const mapItem = (item: number): string => {
    const parts = runFunctions(item, functions.map, kit.beginRows, kit.endRows);
    if (viewFns.length === 1) return `[${parts[viewFns[0] as number] as string}]`;
    let text = '[';
    for (let view = 0; view < viewFns.length; view++) {
      text += (view === 0 ? '' : ',') + (parts[viewFns[view] as number] as string);
    }
    return `${text}]`;
  };
  const indexItem = (item: number): string =>
    `[${runFunctions(item, functions.index, kit.beginFields, kit.endFields).join(',')}]`;
  const reduceItem = (fn: number) => (item: number): string => {
    currentDocId = null;
    currentFn = fn;
    try {
      const [keys, values, rereduce] = parse(items[item] as string) as [unknown, unknown, unknown];
      const result = (functions.reduce[fn] as (k: unknown, v: unknown, r: unknown) => unknown)(keys, values, rereduce);
      return stringify(result === undefined ? null : result) ?? 'null';
    } catch (err) {
      recordError(item, fn, err);
      return 'null';
    }
  };

  const slice = (start: number, runItem: (item: number) => string) => (): string => {
    const begun = now();
    sliceStart = start;
    outs = [];
    errs = [];
    let item = start;
    for (; item < items.length; item++) {
      if (item > start && now() - begun >= config.sliceMs) break;
      current = item;
      currentFn = -1;
      outs.push(runItem(item));
    }
    current = -1;
    const text = answer(item);
    if (item >= items.length) items = [];
    return text;
  };

  const install = (kind: FunctionKind, factory: unknown) => (): string => {
    const fns = functions[kind];
    try {
      const make = factory as (...args: unknown[]) => unknown;
      const fn =
        kind === 'map'
          ? make(kit.emit, kit.log, kit.sum, kit.isArray, kit.toJSON, modules.require)
          : kind === 'index'
            ? make(kit.index, kit.log, kit.sum, kit.isArray, kit.toJSON)
            : make(kit.log, kit.sum, kit.isArray, kit.toJSON);
      if (typeof fn !== 'function') return stringify(['compilation_error', 'Expression does not eval to a function.']);
      fns.push(fn as (...args: unknown[]) => unknown);
      return '';
    } catch (err) {
      return stringify(kit.describe(err));
    }
  };

  function hook(): string {
    const run = job;
    job = null;
    if (run === null) throw new TypeError('not armed');
    return run();
  }
  Object.defineProperty(globalThis, config.hookName, { value: hook, writable: false, enumerable: false, configurable: false });

  return Object.freeze({
    armMap: (docs: readonly unknown[], start: number) => {
      items = docs;
      job = slice(start, mapItem);
    },
    armIndex: (docs: readonly unknown[], start: number) => {
      items = docs;
      job = slice(start, indexItem);
    },
    armReduce: (fn: number, calls: readonly unknown[], start: number) => {
      items = calls;
      job = slice(start, reduceItem(fn));
    },
    armInstall: (kind: FunctionKind, factory: unknown) => {
      job = install(kind, factory);
    },
    setViews: (viewFnsJson: string) => {
      viewFns = parse(viewFnsJson) as number[];
    },
    interrupted: () => {
      const end = sliceStart + outs.length;
      const running = current === end ? stringify([currentFn, currentDocId]) : 'null';
      return `{"end":${end},"items":[${outs.join(',')}],"errors":[${errs.join(',')}],"interrupted":${running}}`;
    },
    promisePrototype: Promise.prototype,
  });
}

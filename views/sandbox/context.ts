/**
 * A realm: one `vm` context with CouchDB's globals, the driver, and frozen intrinsics.
 *
 * The context is created on a null-prototype object. With an ordinary `{}`, global
 * lookups that miss fall through Node's interceptor to the host object's prototype, and
 * `this.constructor.constructor('return process')()` returns the host's `process`.
 * Every function user code can reach is created inside the context by evaluating
 * source text (couch-globals.ts, modules.ts, driver.ts, harden.ts), so its constructor is the
 * context's `Function`; code generation from strings is off unless asked for, so even
 * that constructor only throws `EvalError`. Microtasks run at the end of each
 * evaluation (`afterEvaluate`), inside its time limit.
 */
import { types } from 'node:util';
import vm from 'node:vm';
import { installCouchGlobals, type CouchGlobalsConfig, type CouchKit } from './couch-globals.js';
import { installDriver, type DriverApi, type DriverConfig } from './driver.js';
import { hardenRealm } from './harden.js';
import { installModules, type ModuleKit } from './modules.js';
import { registerSandboxPromises } from './rejections.js';
import { INDEX_MODES, type ResolvedSandboxOptions } from './types.js';

export interface Realm {
  readonly context: vm.Context;
  readonly kit: CouchKit;
  readonly modules: ModuleKit;
  readonly driver: DriverApi;
  /** Runs the armed driver job; evaluate it with a timeout. */
  readonly hook: vm.Script;
}

/** The global the driver's hook lives under; user code may see it but cannot re-enter it. */
const HOOK_NAME = '__setteeRunArmedJob';
const HOOK = new vm.Script(`${HOOK_NAME}()`, { filename: 'settee:sandbox-hook' });

/**
 * Longest a batch slice keeps starting new items. Each slice is one `runInContext`,
 * which costs a watchdog thread (~75 µs), so slices should be long; a document may run
 * for up to `timeoutMs + slice` before it is stopped.
 */
const MAX_SLICE_MS = 100;

export function sliceMs(timeoutMs: number): number {
  return Math.max(1, Math.min(MAX_SLICE_MS, timeoutMs));
}

export function createRealm(options: ResolvedSandboxOptions, name: string): Realm {
  const context = vm.createContext(Object.create(null) as object, {
    name: `settee sandbox ${name}`,
    codeGeneration: { strings: options.allowCodeGeneration, wasm: false },
    microtaskMode: 'afterEvaluate',
  });
  const evaluate = <T extends (...args: never[]) => unknown>(fn: T): T =>
    vm.runInContext(`(${fn.toString()})`, context, { filename: `settee:${fn.name}` }) as T;

  const globalsConfig: CouchGlobalsConfig = {
    maxRowsPerCall: options.maxRowsPerCall,
    maxLogLines: options.maxLogLines,
    indexModes: INDEX_MODES,
  };
  const kit = evaluate(installCouchGlobals)(JSON.stringify(globalsConfig));
  const driverConfig: DriverConfig = { sliceMs: sliceMs(options.timeoutMs), hookName: HOOK_NAME };
  const modules = evaluate(installModules)(kit);
  const driver = evaluate(installDriver)(kit, modules, JSON.stringify(driverConfig));
  evaluate(hardenRealm)();
  registerSandboxPromises(driver.promisePrototype);
  return { context, kit, modules, driver, hook: HOOK };
}

export type HookOutcome = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly timedOut: boolean };

/**
 * Evaluates the armed job under a time limit. Whatever escapes is never inspected beyond
 * what cannot run user code: a proxy check, then an own-property descriptor lookup for
 * Node's timeout code.
 */
export function runHook(realm: Realm, timeout: number): HookOutcome {
  try {
    return { ok: true, text: realm.hook.runInContext(realm.context, { timeout }) as string };
  } catch (err) {
    return { ok: false, timedOut: isTimeout(err) };
  }
}

function isTimeout(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || types.isProxy(err)) return false;
  return Object.getOwnPropertyDescriptor(err, 'code')?.value === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
}

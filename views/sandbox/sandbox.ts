/**
 * `Sandbox`: the user functions of one design document, compiled into their own realm.
 *
 * One sandbox per design document: a realm is never shared, so nothing one design
 * document does is visible to another. Inside a realm, intrinsics are frozen and every
 * document is parsed afresh and deep-frozen, so a function cannot leave marks on the
 * documents or built-ins that later functions see. Global variables a function creates
 * do persist across documents, as in CouchDB's query server.
 *
 * Everything in and out is plain data, so the class can live in a worker thread.
 *
 * @example
 * const sandbox = new Sandbox({ maps: [{ name: 'by_type', source: 'function (doc) { emit(doc.type, 1); }' }] });
 * sandbox.runMap([{ _id: 'a', type: 'post' }]); // [{ rows: [[['post', 1]]], errors: [] }]
 */
import { SetteeError, errors as settee } from '../errors.js';
import { runBatch, type BatchOutcome, type Interruption, type RealmHolder } from './batch.js';
import { installFunction, installLib } from './compile.js';
import { createRealm, type Realm } from './context.js';
import type { FunctionKind } from './driver.js';
import { SandboxFunctionError } from './function-error.js';
import { planSandbox, resolveOptions, type SandboxPlan } from './plan.js';
import type {
  EmittedRow,
  FunctionError,
  IndexDocResult,
  IndexField,
  JsonValue,
  MapDocResult,
  ReduceFunction,
  ResolvedSandboxOptions,
  SandboxOptions,
  SandboxSpec,
} from './types.js';

/**
 * Compiling gets at least this long, whatever `timeoutMs` is: it runs user code only for
 * sources that compute their function (an IIFE), but it is where a rebuilt realm first
 * runs, and a garbage collection after a runaway document may land there.
 */
const MIN_COMPILE_TIMEOUT_MS = 1000;

export class Sandbox {
  readonly #options: ResolvedSandboxOptions;
  readonly #plan: SandboxPlan;
  readonly #reduces: Array<{ source: string; view: string }> = [];
  readonly #holder: RealmHolder;
  #realm: Realm;
  #logs: string[] = [];
  #droppedLogs = 0;

  /** Compiles every function of `spec`; throws a 400 `compilation_error` `SetteeError` naming the first that fails. */
  constructor(spec: SandboxSpec, options: SandboxOptions = {}) {
    this.#options = resolveOptions(options);
    this.#plan = planSandbox(spec);
    this.#realm = this.#build();
    this.#holder = {
      realm: () => this.#realm,
      timeoutMs: this.#options.timeoutMs,
      rebuild: () => {
        this.#realm = this.#build();
      },
      collectLogs: () => this.#collectLogs(),
    };
  }

  /** The view names whose rows `runMap` returns, in order. */
  get views(): readonly string[] {
    return this.#plan.viewNames;
  }

  /** The search index names whose fields `runIndex` returns, in order. */
  get indexes(): readonly string[] {
    return this.#plan.indexes.map((index) => index.name);
  }

  /**
   * Runs every map function over each document (a JSON text, or a plain object that is
   * serialised first). Returns one result per document, in input order.
   */
  runMap(docs: ReadonlyArray<string | object>): MapDocResult[] {
    const input = toJsonTexts(docs);
    const outcome = runBatch(this.#holder, input.length, (driver, start) => driver.armMap(input, start));
    const views = this.#plan.viewNames;
    const results = Array.from(
      outcome.outputs,
      (rows): MapDocResult => ({ rows: (rows as EmittedRow[][] | undefined) ?? views.map(() => []), errors: [] }),
    );
    this.#attachErrors(outcome, results, (fn) => this.#plan.fnViews[fn] ?? []);
    return results;
  }

  /** Runs every search index function over each document; see `runMap`. */
  runIndex(docs: ReadonlyArray<string | object>): IndexDocResult[] {
    const input = toJsonTexts(docs);
    const outcome = runBatch(this.#holder, input.length, (driver, start) => driver.armIndex(input, start));
    const names = this.indexes;
    const results = Array.from(
      outcome.outputs,
      (fields): IndexDocResult => ({ fields: (fields as IndexField[][] | undefined) ?? names.map(() => []), errors: [] }),
    );
    this.#attachErrors(outcome, results, (fn) => [names[fn] ?? null]);
    return results;
  }

  /**
   * Compiles a JavaScript reduce into this sandbox (no `require`). Throws a 400
   * `compilation_error` naming `options.view`. See `ReduceFunction` for how calls fail.
   */
  compileReduce(source: string, options: { view?: string } = {}): ReduceFunction {
    const view = options.view ?? 'reduce';
    this.#install(this.#realm, 'reduce', source, view);
    const fn = this.#reduces.length;
    this.#reduces.push({ source, view });
    return (keys, values, rereduce) => this.#reduce(fn, JSON.stringify([keys, values, rereduce]));
  }

  /** The `log()` lines written since the last call (non-strings were JSON-stringified). */
  takeLogs(): string[] {
    const lines = this.#logs;
    if (this.#droppedLogs > 0) lines.push(`(${this.#droppedLogs} more log lines dropped)`);
    this.#logs = [];
    this.#droppedLogs = 0;
    return lines;
  }

  #reduce(fn: number, argsText: string): JsonValue {
    const outcome = runBatch(this.#holder, 1, (driver, start) => driver.armReduce(fn, [argsText], start));
    const stopped = outcome.interruptions[0];
    if (stopped !== undefined) {
      const reason = stopped.timedOut ? `reduce function timed out after ${this.#options.timeoutMs} ms` : 'the sandbox failed';
      throw new SetteeError(500, 'os_process_error', reason);
    }
    const failure = outcome.errors[0];
    if (failure !== undefined) {
      const [, , name, message, , fatal] = failure;
      // CouchDB's fatal forms are passed on as the plain values the query server uses.
      if (fatal) throw name === 'fatal_error' ? 'fatal_error' : ['fatal', name, message];
      throw new SandboxFunctionError(name, message);
    }
    return (outcome.outputs[0] ?? null) as JsonValue;
  }

  #attachErrors(
    outcome: BatchOutcome,
    results: Array<{ readonly errors: FunctionError[] }>,
    namesOf: (fn: number) => ReadonlyArray<string | null>,
  ): void {
    const targets = (fn: number) => (fn < 0 ? [null] : namesOf(fn));
    for (const [item, fn, error, message, docId, fatal] of outcome.errors) {
      for (const view of targets(fn)) results[item]?.errors.push({ docId, view, error, message, fatal });
    }
    for (const stopped of outcome.interruptions) {
      for (const view of targets(stopped.fn)) results[stopped.item]?.errors.push(this.#interruptionError(stopped, view));
    }
  }

  #interruptionError(stopped: Interruption, view: string | null): FunctionError {
    return stopped.timedOut
      ? { docId: stopped.docId, view, error: 'timeout', message: `function timed out after ${this.#options.timeoutMs} ms`, fatal: false }
      : { docId: stopped.docId, view, error: 'sandbox_error', message: 'the sandbox failed while running this document', fatal: false };
  }

  #build(): Realm {
    const plan = this.#plan;
    const realm = createRealm(this.#options, plan.label);
    installLib(realm, plan.lib, plan.label);
    plan.mapSources.forEach((source, fn) => this.#install(realm, 'map', source, plan.fnViews[fn]?.[0] ?? ''));
    realm.driver.setViews(JSON.stringify(plan.viewFns));
    for (const { name, source } of plan.indexes) this.#install(realm, 'index', source, name);
    for (const { source, view } of this.#reduces) this.#install(realm, 'reduce', source, view);
    this.#realm = realm;
    this.#collectLogs();
    return realm;
  }

  #install(realm: Realm, kind: FunctionKind, source: string, name: string): void {
    const where = kind === 'index' ? `'${name}' index` : `'${name}' view`;
    const filename = `${this.#plan.label}/${kind === 'index' ? 'indexes' : 'views'}/${name}/${kind}`;
    const timeoutMs = Math.max(this.#options.timeoutMs, MIN_COMPILE_TIMEOUT_MS);
    const failure = installFunction(realm, kind, source, { filename, timeoutMs });
    if (failure !== null) throw settee.compilation(`Compilation of the ${kind} function in the ${where} failed: ${failure}`);
  }

  #collectLogs(): void {
    const text = this.#realm.kit.takeLogs();
    if (text === '') return;
    const { lines, dropped } = JSON.parse(text) as { lines: string[]; dropped: number };
    this.#droppedLogs += dropped;
    for (const line of lines) {
      if (this.#logs.length < this.#options.maxLogLines) this.#logs.push(line);
      else this.#droppedLogs++;
    }
  }
}

/** An object JSON cannot hold (a cycle, a BigInt) becomes text that fails to parse: the document is skipped as `bad_doc`. */
function toJsonTexts(docs: ReadonlyArray<string | object>): string[] {
  return docs.map((doc) => {
    if (typeof doc === 'string') return doc;
    try {
      return JSON.stringify(doc) ?? 'null';
    } catch {
      return '';
    }
  });
}

/**
 * Compiles user source into a realm.
 *
 * A design-document function is an expression (`function (doc) {...}`), so it is compiled
 * as the body `return (<source>);` of a factory whose parameters shadow CouchDB's globals
 * (`emit`, `log`, ...): user code then reaches them as fast local bindings instead of
 * through the context's global interceptor. `vm.compileFunction` parses the body as a
 * function body, so source that closes the parenthesis early cannot run outside the
 * factory, and the factory itself is called by the driver under the time limit.
 * A trailing `;` (common in hand-written design documents) is tolerated. Source that
 * would create promises is refused first (syntax-guard.ts).
 *
 * `views.lib` modules compile the same way, as `function (module, exports, require)`
 * bodies; a module that does not compile is remembered with its error and fails when it
 * is required, as in CouchDB.
 */
import { types } from 'node:util';
import vm from 'node:vm';
import { runHook, type Realm } from './context.js';
import type { FunctionKind } from './driver.js';
import { forbiddenSyntax } from './syntax-guard.js';

/** The factory parameters per kind; driver.ts passes arguments in this order. */
const FACTORY_PARAMS: Record<FunctionKind, string[]> = {
  map: ['emit', 'log', 'sum', 'isArray', 'toJSON', 'require'],
  index: ['index', 'log', 'sum', 'isArray', 'toJSON'],
  reduce: ['log', 'sum', 'isArray', 'toJSON'],
};
const MODULE_PARAMS = ['module', 'exports', 'require'];

/** Deepest `views.lib` nesting walked; real module trees are a few levels deep. */
const MAX_LIB_DEPTH = 32;

/**
 * Compiles `source` as a `kind` function and adds it to the realm's list for that kind.
 * Returns `null`, or the reason it failed (`SyntaxError: ...`).
 */
export function installFunction(
  realm: Realm,
  kind: FunctionKind,
  source: string,
  options: { filename: string; timeoutMs: number },
): string | null {
  const refused = forbiddenSyntax(source);
  if (refused !== null) return `SyntaxError: ${refused}`;
  let factory: unknown;
  try {
    factory = compileExpression(realm, source, FACTORY_PARAMS[kind], options.filename);
  } catch (err) {
    return describeCompileError(err);
  }
  realm.driver.armInstall(kind, factory);
  const outcome = runHook(realm, options.timeoutMs);
  if (!outcome.ok) return outcome.timedOut ? `timeout: evaluating the source took over ${options.timeoutMs} ms` : 'the sandbox failed';
  if (outcome.text === '') return null;
  const [name, message] = JSON.parse(outcome.text) as [string, string];
  return name === 'compilation_error' ? `${message} (${source})` : `${name}: ${message}`;
}

function compileExpression(realm: Realm, source: string, params: string[], filename: string): unknown {
  const compile = (expression: string) =>
    vm.compileFunction(`return (\n${expression}\n);`, params, { parsingContext: realm.context, filename }) as unknown;
  try {
    return compile(source);
  } catch (err) {
    const trimmed = source.replace(/[\s;]+$/, '');
    if (trimmed === source) throw err;
    try {
      return compile(trimmed);
    } catch {
      throw err;
    }
  }
}

/** Compiles every string leaf of `lib` as the module `views/lib/<path>`, and hands the tree to the realm. */
export function installLib(realm: Realm, lib: unknown, label: string): void {
  realm.modules.setLib(JSON.stringify(lib ?? {}));
  const walk = (node: unknown, path: string[]): void => {
    if (path.length > MAX_LIB_DEPTH) return;
    if (typeof node === 'string') {
      const id = ['views', 'lib', ...path].join('/');
      const refused = forbiddenSyntax(node);
      if (refused !== null) {
        realm.modules.addModule(id, `SyntaxError: ${refused}`);
        return;
      }
      try {
        const factory = vm.compileFunction(`${node}\n`, MODULE_PARAMS, {
          parsingContext: realm.context,
          filename: `${label}/${id}`,
        }) as unknown;
        realm.modules.addModule(id, factory);
      } catch (err) {
        realm.modules.addModule(id, describeCompileError(err));
      }
      return;
    }
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    for (const [key, child] of Object.entries(node)) walk(child, [...path, key]);
  };
  walk(lib, []);
}

/** `SyntaxError: <message>` for a V8 compile error (a native error; its fields are data, not user code). */
function describeCompileError(err: unknown): string {
  if (!types.isNativeError(err)) return 'the source did not compile';
  const message: unknown = Object.getOwnPropertyDescriptor(err, 'message')?.value;
  return `${err.name}: ${String(message)}`;
}

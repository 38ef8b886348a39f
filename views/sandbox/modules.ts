/**
 * CommonJS `require` over `views.lib`, as CouchDB's query server resolves it (§1.5):
 * absolute paths start at the design document (`views/lib/foo/boom`); `./` and `../`
 * are relative to the requiring module's folder; a missing path throws
 * `['error', 'invalid_require_path', ...]`; a module that fails to compile or throws
 * while loading throws `['error', 'compilation_error', "Module require('x') raised error ..."]`.
 * Modules load once per realm; a module that is being loaded is already in the cache with
 * its partly filled `exports`, so circular requires see what is there so far.
 *
 * `installModules` never runs in the host: its source text is evaluated inside the
 * sandbox context (see context.ts) and must stay self-contained.
 */
import type { CouchKit } from './couch-globals.js';

export interface ModuleKit {
  /** `require` as map functions see it: paths resolve from the design document root. */
  readonly require: (name: unknown) => unknown;
  /** The `views.lib` tree, as JSON. */
  readonly setLib: (libJson: string) => void;
  /** A compiled module (`function (module, exports, require)`), or the message of its compile error. */
  readonly addModule: (id: string, factory: unknown) => void;
}

export function installModules(kit: CouchKit): ModuleKit {
  'use strict';
  const G = globalThis;
  const { parse, stringify } = JSON;
  const { freeze, hasOwn } = Object;
  const MESSAGE_PREVIEW_CHARS = 256;

  let libRoot: unknown = { views: { lib: {} } };
  const factories = new Map<string, unknown>();
  const moduleCache = new Map<string, unknown>();

  const preview = (value: unknown): string => {
    const text = String(stringify(value));
    return text.length > MESSAGE_PREVIEW_CHARS ? `${text.slice(0, MESSAGE_PREVIEW_CHARS)}...` : text;
  };
  const pathError = (message: string): never => {
    throw ['error', 'invalid_require_path', message];
  };
  const nodeAt = (path: readonly string[]): unknown => {
    let node = libRoot;
    for (const part of path) node = (node as Record<string, unknown>)[part];
    return node;
  };

  const resolve = (baseDir: readonly string[], name: unknown): string[] => {
    if (typeof name !== 'string') return pathError(`Must require a JavaScript string, not: ${typeof name}`);
    const parts = name.split('/');
    const path = parts[0] === '.' || parts[0] === '..' ? baseDir.slice() : [];
    for (const part of parts) {
      const node = nodeAt(path);
      if (part === '.') continue;
      if (part === '..') {
        if (path.length === 0) pathError(`Object has no parent ${preview(node)}`);
        path.pop();
        continue;
      }
      const isTree = typeof node === 'object' && node !== null;
      if (!isTree || !hasOwn(node, part) || (node as Record<string, unknown>)[part] === undefined) {
        pathError(`Object has no property "${part}". ${preview(node)}`);
      }
      path.push(part);
    }
    const leaf = nodeAt(path);
    if (typeof leaf !== 'string') pathError(`Must require a JavaScript string, not: ${typeof leaf}`);
    return path;
  };

  const makeRequire = (baseDir: readonly string[]) =>
    function require(name: unknown): unknown {
      const path = resolve(baseDir, name);
      const id = path.join('/');
      if (moduleCache.has(id)) return moduleCache.get(id);
      const raised = (detail: string): never => {
        throw ['error', 'compilation_error', `Module require('${String(name)}') raised error ${detail}`];
      };
      const factory = factories.get(id);
      if (typeof factory !== 'function') return raised(String(factory));
      const module = { id, exports: {} as unknown };
      moduleCache.set(id, module.exports);
      try {
        factory.call(G, module, module.exports, makeRequire(path.slice(0, -1)));
      } catch (err) {
        moduleCache.delete(id);
        const [errorName, message] = kit.describe(err);
        raised(`${errorName}: ${message}`);
      }
      moduleCache.set(id, module.exports);
      return module.exports;
    };

  return freeze({
    require: makeRequire([]),
    setLib: (libJson: string) => {
      const lib: unknown = parse(libJson);
      kit.deepFreeze(lib);
      libRoot = freeze({ views: freeze({ lib }) });
    },
    addModule: (id: string, factory: unknown) => {
      factories.set(id, factory);
    },
  });
}

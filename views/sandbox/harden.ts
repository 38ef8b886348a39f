/**
 * Freezes a realm's shared objects so user code cannot leave marks that later documents
 * or other functions would see (prototype pollution, replaced built-ins).
 *
 * `hardenRealm` never runs in the host: its source text is evaluated inside a sandbox
 * context (see context.ts), so it must stay self-contained — no imports, no references
 * to anything outside its own body.
 *
 * What it does, in order:
 * 1. deletes globals that would let work escape the per-call time limit or the realm:
 *    `FinalizationRegistry` callbacks run later on the host loop; `Promise` and
 *    `Atomics.waitAsync` make promises, whose jobs and rejections outlive the call
 *    (syntax-guard.ts refuses the other ways to make one); `console` and `WebAssembly`
 *    are not CouchDB globals;
 * 2. turns a few inherited data properties into accessors (SES's "override mistake"
 *    repair): once `Object.prototype` is frozen, `obj.toString = f` or
 *    `MyError.prototype.name = 'X'` would silently fail, which breaks ordinary ES5 code;
 *    the setter instead defines the property on the object assigned to;
 * 3. makes every global binding non-writable and non-configurable (the global object
 *    itself stays extensible: sloppy code that forgets `var` still works, as in CouchDB);
 * 4. walks everything reachable from the globals, the global object's prototype and
 *    the intrinsics that no global names (iterator and generator prototypes), through
 *    property values, getters, setters and prototypes, and freezes it.
 */
export function hardenRealm(): void {
  'use strict';
  const G = globalThis as unknown as Record<string, unknown>;
  const {
    defineProperty,
    freeze,
    getOwnPropertyDescriptor,
    getOwnPropertyNames,
    getOwnPropertySymbols,
    getPrototypeOf,
    isExtensible,
  } = Object;
  const hasOwn = Object.hasOwn;

  for (const name of ['console', 'WebAssembly', 'FinalizationRegistry', 'Promise', 'Atomics']) delete G[name];

  const enableOverride = (proto: object, name: string): void => {
    const desc = getOwnPropertyDescriptor(proto, name);
    if (desc === undefined || !('value' in desc) || !desc.writable) return;
    const original: unknown = desc.value;
    defineProperty(proto, name, {
      configurable: false,
      enumerable: desc.enumerable === true,
      get: function getOverridable() {
        return original;
      },
      set: function setOverridable(this: unknown, value: unknown) {
        if (this === proto) throw new TypeError(`Cannot assign to read only property '${name}' of a frozen prototype`);
        // Primitives and frozen objects ignore the assignment, as sloppy code expects.
        if ((typeof this !== 'object' && typeof this !== 'function') || this === null || !isExtensible(this)) return;
        if (hasOwn(this, name)) {
          (this as Record<string, unknown>)[name] = value;
        } else {
          defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
        }
      },
    });
  };
  const errorPrototypes = [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError].map(
    (ctor) => ctor.prototype as object,
  );
  for (const name of ['constructor', 'toString', 'valueOf', 'toLocaleString', 'hasOwnProperty']) {
    enableOverride(Object.prototype, name);
  }
  enableOverride(Function.prototype, 'toString');
  for (const proto of errorPrototypes) {
    for (const name of ['constructor', 'name', 'message', 'toString']) enableOverride(proto, name);
  }

  const roots: unknown[] = [];
  for (const name of getOwnPropertyNames(G)) {
    const desc = getOwnPropertyDescriptor(G, name);
    if (desc === undefined) continue;
    roots.push(desc.value, desc.get, desc.set);
    // Full descriptors: Node's global interceptor treats missing fields as `undefined`.
    if (desc.configurable === true) defineProperty(G, name, { ...desc, configurable: false, ...('value' in desc ? { writable: false } : {}) });
  }
  roots.push(getPrototypeOf(G));
  const unnamed: Array<() => unknown> = [
    () => getPrototypeOf(function* generator() {}),
    () => getPrototypeOf(async function asyncFunction() {}),
    () => getPrototypeOf(async function* asyncGenerator() {}),
    () => getPrototypeOf([][Symbol.iterator]()),
    () => getPrototypeOf(new Map()[Symbol.iterator]()),
    () => getPrototypeOf(new Set()[Symbol.iterator]()),
    () => getPrototypeOf(''[Symbol.iterator]()),
    () => getPrototypeOf(/x/[Symbol.matchAll]('')),
    () => getPrototypeOf(new Intl.Segmenter().segment('')),
    () => getPrototypeOf(new Intl.Segmenter().segment('')[Symbol.iterator]()),
  ];
  for (const find of unnamed) {
    try {
      roots.push(find());
    } catch {
      // An intrinsic this engine version lacks.
    }
  }

  const seen = new Set<unknown>();
  const pending: object[] = [];
  const visit = (value: unknown): void => {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return;
    if (value === G || seen.has(value)) return;
    seen.add(value);
    pending.push(value);
  };
  for (const root of roots) visit(root);
  while (pending.length > 0) {
    const object = pending.pop() as object;
    for (const key of [...getOwnPropertyNames(object), ...getOwnPropertySymbols(object)]) {
      const desc = getOwnPropertyDescriptor(object, key);
      if (desc === undefined) continue;
      visit(desc.value);
      visit(desc.get);
      visit(desc.set);
    }
    visit(getPrototypeOf(object));
    freeze(object);
  }
}

/**
 * Keeps user code from crashing the process with an unhandled promise rejection.
 *
 * A vm context shares the isolate's rejection tracking with the host, so
 * `Promise.reject(1)`, a throwing `async` function or `import('fs')` inside a map
 * function reaches `process.on('unhandledRejection')`, whose default is to crash the
 * process (or worker). The listener installed here ignores rejections of sandbox
 * promises and, when it is the only listener, rethrows every other rejection so the
 * host keeps Node's default behaviour.
 *
 * A promise is recognised by its prototype chain without running user code:
 * `Object.getPrototypeOf` on a real promise never calls a trap, and the chain is only
 * followed through objects that are not proxies. A chain that reaches a registered
 * sandbox `Promise.prototype`, a proxy, or an end without the host's `Promise.prototype`
 * is the sandbox's (user code can re-parent its promises, never a host promise).
 */
import { types } from 'node:util';

const sandboxPromisePrototypes = new WeakSet<object>();
let listening = false;

/** Longest prototype chain followed before giving up (and treating the promise as the sandbox's). */
const MAX_CHAIN_LENGTH = 64;

export function registerSandboxPromises(promisePrototype: object): void {
  sandboxPromisePrototypes.add(promisePrototype);
  if (!listening) {
    listening = true;
    process.on('unhandledRejection', onUnhandledRejection);
  }
}

export function isSandboxPromise(promise: object): boolean {
  let proto: object | null = Object.getPrototypeOf(promise) as object | null;
  for (let depth = 0; proto !== null && depth < MAX_CHAIN_LENGTH; depth++) {
    if (proto === Promise.prototype) return false;
    if (sandboxPromisePrototypes.has(proto) || types.isProxy(proto)) return true;
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return true;
}

function onUnhandledRejection(reason: unknown, promise: Promise<unknown>): void {
  if (isSandboxPromise(promise)) return;
  if (process.listenerCount('unhandledRejection') === 1) throw reason;
}

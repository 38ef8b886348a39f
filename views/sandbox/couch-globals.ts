/**
 * CouchDB's JavaScript sandbox globals (`emit`, `log`, `sum`, `isArray`, `toJSON`, the
 * search `index`), plus the collectors the driver reads their output from.
 *
 * `installCouchGlobals` never runs in the host: its source text is evaluated inside the
 * sandbox context, so every function it creates belongs to that realm (their
 * `constructor` is the realm's `Function`, which cannot reach the host). It must stay
 * self-contained — no imports, no references outside its own body.
 */

/** The in-realm toolkit the driver uses. Only trusted code (driver, host) holds it. */
export interface CouchKit {
  readonly emit: (key?: unknown, value?: unknown) => void;
  readonly log: (message: unknown) => void;
  readonly sum: (values: unknown) => number;
  readonly isArray: (value: unknown) => boolean;
  readonly toJSON: (value: unknown) => string | undefined;
  readonly index: (name: unknown, value: unknown, options?: unknown) => void;
  readonly beginRows: () => void;
  readonly endRows: () => string;
  readonly beginFields: () => void;
  readonly endFields: () => string;
  readonly abortCollecting: () => void;
  /** `[error name, message]` for anything user code threw. Never throws. */
  readonly describe: (err: unknown) => [string, string];
  readonly deepFreeze: (value: unknown) => void;
  /** The log lines since the last call as JSON `{lines, dropped}`, or `''` when there are none. */
  readonly takeLogs: () => string;
}

export interface CouchGlobalsConfig {
  readonly maxRowsPerCall: number;
  readonly maxLogLines: number;
  readonly indexModes: readonly string[];
}

export function installCouchGlobals(configJson: string): CouchKit {
  'use strict';
  const G = globalThis as unknown as Record<string, unknown>;
  const { parse, stringify } = JSON;
  const { defineProperty, freeze } = Object;
  const isNativeArray = Array.isArray;
  const objectToString = Object.prototype.toString;
  const config = parse(configJson) as CouchGlobalsConfig;
  const MESSAGE_PREVIEW_CHARS = 256;

  let rows: unknown[][] | null = null;
  let fields: unknown[] | null = null;
  let logs: string[] = [];
  let droppedLogs = 0;

  const preview = (value: unknown): string => {
    const text = String(stringify(value));
    return text.length > MESSAGE_PREVIEW_CHARS ? `${text.slice(0, MESSAGE_PREVIEW_CHARS)}...` : text;
  };

  function emit(key?: unknown, value?: unknown): void {
    if (rows === null) return;
    if (rows.length >= config.maxRowsPerCall) {
      throw new RangeError(`a map function may emit at most ${config.maxRowsPerCall} rows per document`);
    }
    if (typeof value === 'object' && value !== null && 'stack' in value && 'name' in value && 'message' in value) {
      value = { error: value.name, message: value.message };
    }
    rows.push([key, value]);
  }

  function log(message: unknown): void {
    const line = typeof message === 'string' ? message : String(stringify(message));
    if (logs.length < config.maxLogLines) logs.push(line);
    else droppedLogs++;
  }

  function sum(values: unknown): number {
    let total = 0;
    for (const i in values as Record<string, unknown>) total += (values as Record<string, number>)[i] as number;
    return total;
  }

  function isArray(value: unknown): boolean {
    return objectToString.call(value) === '[object Array]';
  }

  function toJSON(value: unknown): string | undefined {
    return stringify(value);
  }

  const fail = (name: string, message: string): never => {
    throw { name, message };
  };
  const indexMode = (option: unknown): string => {
    if (option === false) return 'no';
    if (typeof option !== 'string') return 'analyzed';
    const mode = option.toLowerCase();
    return config.indexModes.includes(mode) ? mode : 'analyzed';
  };

  function index(name: unknown, value: unknown, options?: unknown): void {
    if (typeof name !== 'string') fail('TypeError', `name must be a string not ${typeof name}`);
    if ((name as string).substring(0, 1) === '_') fail('ReservedName', 'name must not start with an underscore');
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      fail('TypeError', `value must be a string, a number or boolean not ${typeof value}`);
    }
    if (options && typeof options !== 'object') fail('TypeError', `options must be an object not ${typeof options}`);
    if (fields === null || (typeof value === 'number' && !Number.isFinite(value))) return;
    const opts = (options || {}) as Record<string, unknown>;
    const store = opts.store;
    const boost = opts.boost;
    fields.push({
      field: name,
      value: typeof value === 'boolean' ? String(value) : value,
      store: store === true || (typeof store === 'string' && store.toLowerCase() === 'yes'),
      index: typeof value === 'boolean' ? 'not_analyzed' : indexMode(opts.index),
      facet: opts.facet === true,
      boost: typeof boost === 'number' && Number.isFinite(boost) ? boost : 1,
    });
  }

  function describe(err: unknown): [string, string] {
    try {
      if (typeof err === 'string') {
        return err === 'fatal_error' ? ['fatal_error', "function raised 'fatal_error'"] : ['exception', err];
      }
      if (isNativeArray(err)) {
        if (err[0] === 'error' || err[0] === 'fatal') return [String(err[1]), String(err[2])];
        return ['exception', preview(err)];
      }
      if ((typeof err === 'object' || typeof err === 'function') && err !== null) {
        const { name, message } = err as { name?: unknown; message?: unknown };
        if (message !== undefined) return [name === undefined ? 'Error' : String(name), String(message)];
        return ['exception', preview(err)];
      }
      return ['exception', String(err)];
    } catch {
      return ['exception', 'an exception that could not be described'];
    }
  }

  function deepFreeze(root: unknown): void {
    if (typeof root !== 'object' || root === null) return;
    const pending: object[] = [root];
    while (pending.length > 0) {
      const object = pending.pop() as Record<string, unknown>;
      freeze(object);
      if (isNativeArray(object)) {
        for (let i = 0; i < object.length; i++) {
          const item: unknown = object[i];
          if (typeof item === 'object' && item !== null) pending.push(item);
        }
      } else {
        for (const key in object) {
          const item = object[key];
          if (typeof item === 'object' && item !== null) pending.push(item);
        }
      }
    }
  }

  const kit: CouchKit = {
    emit,
    log,
    sum,
    isArray,
    toJSON,
    index,
    beginRows: () => {
      rows = [];
    },
    endRows: () => {
      const text = stringify(rows);
      rows = null;
      return text;
    },
    beginFields: () => {
      fields = [];
    },
    endFields: () => {
      const text = stringify(fields);
      fields = null;
      return text;
    },
    abortCollecting: () => {
      rows = null;
      fields = null;
    },
    describe,
    deepFreeze,
    takeLogs: () => {
      if (logs.length === 0 && droppedLogs === 0) return '';
      const text = stringify({ lines: logs, dropped: droppedLogs });
      logs = [];
      droppedLogs = 0;
      return text;
    },
  };
  for (const [name, value] of [['emit', emit], ['log', log], ['sum', sum], ['isArray', isArray], ['toJSON', toJSON], ['index', index]] as const) {
    defineProperty(G, name, { value, writable: false, enumerable: false, configurable: false });
  }
  return freeze(kit);
}

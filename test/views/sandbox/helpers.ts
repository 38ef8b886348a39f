import { Sandbox, type EmittedRow, type MapDocResult, type SandboxOptions } from '../../../views/sandbox/index.js';

/** A sandbox with one view per `[name, source]` pair. */
export function mapSandbox(views: Record<string, string>, options: SandboxOptions = {}, lib?: unknown): Sandbox {
  return new Sandbox({ name: '_design/test', maps: Object.entries(views).map(([name, source]) => ({ name, source })), lib }, options);
}

/** Rows of view `view` across all documents, in document order. */
export function rowsOf(results: MapDocResult[], view = 0): EmittedRow[] {
  return results.flatMap((result) => result.rows[view] ?? []);
}

/** Maps `docs` through one map function and returns its rows. */
export function mapRows(source: string, docs: object[], options: SandboxOptions = {}): EmittedRow[] {
  return rowsOf(mapSandbox({ v: source }, options).runMap(docs));
}

/** Runs a map function over one document and returns its first row's value. */
export function firstValue(source: string, doc: object = { _id: 'doc' }, options: SandboxOptions = {}): unknown {
  return mapRows(source, [doc], options)[0]?.[1];
}

/**
 * The worker-thread entry (the file piscina loads). It keeps one sandbox per design
 * document program, compiled once and reused across batches, and answers map and index
 * tasks with plain rows and fields.
 */
import { Sandbox } from '../../views/index.js';
import type { IndexTaskResult, MapTaskResult, WorkerTask } from './protocol.js';

/** Compiled programs kept per worker; old design-document versions fall out first. */
const MAX_CACHED_PROGRAMS = 64;
const sandboxes = new Map<string, Sandbox>();

function sandboxFor(task: WorkerTask): Sandbox {
  const cached = sandboxes.get(task.program.key);
  if (cached) return cached;
  const sandbox =
    task.kind === 'map'
      ? new Sandbox(
          { name: task.program.key, maps: Object.entries(task.program.maps).map(([name, source]) => ({ name, source })), lib: task.program.lib },
          { timeoutMs: task.program.timeoutMs },
        )
      : new Sandbox(
          { name: task.program.key, indexes: Object.entries(task.program.indexes).map(([name, source]) => ({ name, source })) },
          { timeoutMs: task.program.timeoutMs },
        );
  if (sandboxes.size >= MAX_CACHED_PROGRAMS) sandboxes.delete(sandboxes.keys().next().value!);
  sandboxes.set(task.program.key, sandbox);
  return sandbox;
}

export default function run(task: WorkerTask): MapTaskResult | IndexTaskResult {
  const sandbox = sandboxFor(task);
  const errors: MapTaskResult['errors'] = [];
  if (task.kind === 'map') {
    const names = Object.keys(task.program.maps);
    const docs = sandbox.runMap(task.docs).map((result) => {
      for (const error of result.errors) errors.push({ id: error.docId ?? '', name: error.view ?? '', message: `${error.error}: ${error.message}` });
      const rows: MapTaskResult['docs'][number] = {};
      names.forEach((name, i) => (rows[name] = result.rows[i] ?? []));
      return rows;
    });
    return { docs, errors, logs: sandbox.takeLogs() };
  }
  const names = Object.keys(task.program.indexes);
  const docs = sandbox.runIndex(task.docs).map((result) => {
    for (const error of result.errors) errors.push({ id: error.docId ?? '', name: error.view ?? '', message: `${error.error}: ${error.message}` });
    const fields: IndexTaskResult['docs'][number] = {};
    names.forEach((name, i) => (fields[name] = result.fields[i] ?? []));
    return fields;
  });
  return { docs, errors, logs: sandbox.takeLogs() };
}

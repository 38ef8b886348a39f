/**
 * `settee query <db> <ddoc/view> [params]`: queries a view of the local data directory
 * from the command line, with CouchDB's query string (`'group_level=1&limit=10'`). When
 * the query has to build or catch up the index first, a progress bar (or, when stderr is
 * not a terminal, progress log lines) shows changes done, rate and ETA.
 */
import { errors, parseViewQuery } from '../../views/index.js';
import type { Config } from '../config.js';
import type { ActiveTask } from '../indexing/active-tasks.js';
import type { Logger } from '../logger.js';
import { Settee } from '../settee.js';
import { createProgress, type Progress } from './progress.js';

/** How often the index build's progress is sampled while the query waits. */
const POLL_INTERVAL_MS = 200;

export interface QueryCommand {
  db: string;
  view: string;
  /** CouchDB's query string, without the leading `?` */
  params: string;
}

/** Runs one view query and returns its result, exactly as `GET .../_view/...` would answer. */
export async function queryView(config: Config, logger: Logger, command: QueryCommand): Promise<unknown> {
  const slash = command.view.indexOf('/');
  if (slash <= 0 || slash === command.view.length - 1) {
    throw errors.badRequest(`view must be "<ddoc>/<view>", got "${command.view}"`);
  }
  const ddoc = command.view.slice(0, slash);
  const viewName = command.view.slice(slash + 1);
  const args = parseViewQuery(new URLSearchParams(command.params));

  const settee = await Settee.open({ dir: config.dataDir, workers: config.workers, functionTimeoutMs: config.mapTimeoutMs, logger });
  try {
    const db = await settee.database(command.db);
    const watcher = watchBuild(settee, command.db, `_design/${ddoc}`, logger);
    try {
      const result = await settee.views(db).query(ddoc, viewName, args);
      watcher.completed();
      return result;
    } finally {
      watcher.stop();
    }
  } finally {
    await settee.close();
  }
}

/** Shows the progress of whichever build of this design document runs while the query waits. */
function watchBuild(settee: Settee, db: string, designDocument: string, logger: Logger): { completed(): void; stop(): void } {
  let progress: Progress | undefined;
  let total = 0;
  const sample = () => {
    const task = settee.activeTasks.list().find((t: ActiveTask) => t.database === db && t.design_document === designDocument);
    if (!task) return;
    total = task.total_changes;
    progress ??= createProgress(`build ${designDocument}`, total, logger);
    progress.update(task.changes_done, total);
  };
  const timer = setInterval(sample, POLL_INTERVAL_MS);
  return {
    // The build's task is gone once it finished, so the last sample may lag behind: fill the bar.
    completed: () => progress?.update(total, total),
    stop: () => {
      clearInterval(timer);
      progress?.stop();
    },
  };
}

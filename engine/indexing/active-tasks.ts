/** Running index builds, as `GET /_active_tasks` and progress bars report them. */

export interface ActiveTask {
  type: 'indexer' | 'search_indexer' | 'replication';
  database: string;
  design_document: string;
  changes_done: number;
  total_changes: number;
  progress: number;
  started_on: number;
  updated_on: number;
  /** changes per second since the build started */
  rate: number;
}

export class ActiveTasks {
  private readonly tasks = new Set<ActiveTask>();

  start(type: ActiveTask['type'], database: string, designDocument: string, total: number): TaskHandle {
    const now = Math.floor(Date.now() / 1000);
    const task: ActiveTask = {
      type,
      database,
      design_document: designDocument,
      changes_done: 0,
      total_changes: total,
      progress: 0,
      started_on: now,
      updated_on: now,
      rate: 0,
    };
    const startedMs = Date.now();
    this.tasks.add(task);
    return {
      task,
      advance: (done: number) => {
        task.changes_done = done;
        task.progress = task.total_changes === 0 ? 100 : Math.min(100, Math.floor((done / task.total_changes) * 100));
        task.updated_on = Math.floor(Date.now() / 1000);
        task.rate = Math.round(done / Math.max((Date.now() - startedMs) / 1000, 0.001));
      },
      finish: () => void this.tasks.delete(task),
    };
  }

  list(): ActiveTask[] {
    return [...this.tasks].map((task) => ({ ...task }));
  }
}

export interface TaskHandle {
  task: ActiveTask;
  advance(done: number): void;
  finish(): void;
}

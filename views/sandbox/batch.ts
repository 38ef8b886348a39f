/**
 * Runs one driver job over a batch of items in time slices, surviving interrupts.
 *
 * Each slice is one evaluation of the armed hook with a timeout of
 * `timeoutMs + slice`. When an evaluation is interrupted (a timeout, or anything else
 * escaping the driver), the items the slice finished are kept, the running item is
 * reported as an interruption, the realm is rebuilt (its state may be half-updated) and
 * the batch resumes after that item.
 */
import { runHook, sliceMs, type Realm } from './context.js';
import type { DriverApi } from './driver.js';

/** `[item, fn, error name, message, docId, fatal]`, as the driver reports a user exception. */
export type ErrorEntry = [item: number, fn: number, name: string, message: string, docId: string | null, fatal: boolean];

/** An item that was stopped: `fn` is the function that was running, `-1` before any ran. */
export interface Interruption {
  readonly item: number;
  readonly fn: number;
  readonly docId: string | null;
  readonly timedOut: boolean;
}

export interface BatchOutcome {
  /** Per item, its JSON-decoded output; `undefined` for an interrupted item. */
  readonly outputs: unknown[];
  readonly errors: ErrorEntry[];
  readonly interruptions: Interruption[];
}

/** What a batch needs from its owner: the current realm, a way to replace it, a log sink. */
export interface RealmHolder {
  realm(): Realm;
  readonly timeoutMs: number;
  rebuild(): void;
  collectLogs(): void;
}

interface SliceAnswer {
  readonly end: number;
  readonly items: unknown[];
  readonly errors: ErrorEntry[];
  readonly interrupted?: [fn: number, docId: string | null] | null;
}

export function runBatch(
  holder: RealmHolder,
  count: number,
  arm: (driver: DriverApi, start: number) => void,
): BatchOutcome {
  const outputs: unknown[] = new Array<unknown>(count);
  const errors: ErrorEntry[] = [];
  const interruptions: Interruption[] = [];
  const limit = holder.timeoutMs + sliceMs(holder.timeoutMs);
  const absorb = (start: number, answer: SliceAnswer): void => {
    for (let k = 0; k < answer.items.length; k++) outputs[start + k] = answer.items[k];
    for (const entry of answer.errors) errors.push(entry);
  };

  let next = 0;
  while (next < count) {
    const start = next;
    arm(holder.realm().driver, start);
    const outcome = runHook(holder.realm(), limit);
    if (outcome.ok) {
      const answer = JSON.parse(outcome.text) as SliceAnswer;
      absorb(start, answer);
      holder.collectLogs();
      next = answer.end;
      continue;
    }
    const partial = readInterrupted(holder.realm(), start);
    absorb(start, partial);
    holder.collectLogs();
    // Blame the item that was running. Nothing running means the interrupt came after the
    // slice's items (a promise job looping after the evaluation); blame nobody then,
    // unless no item finished at all, so the batch always moves on.
    const blamed = partial.interrupted != null || partial.end === start;
    if (blamed && partial.end < count) {
      const [fn, docId] = partial.interrupted ?? [-1, null];
      interruptions.push({ item: partial.end, fn, docId, timedOut: outcome.timedOut });
    }
    next = blamed ? partial.end + 1 : partial.end;
    holder.rebuild();
  }
  return { outputs, errors, interruptions };
}

function readInterrupted(realm: Realm, start: number): SliceAnswer {
  try {
    return JSON.parse(realm.driver.interrupted()) as SliceAnswer;
  } catch {
    return { end: start, items: [], errors: [], interrupted: null };
  }
}

/**
 * Cross-checks that two systems gave the same answer to the same view query, so a fast
 * figure cannot hide a wrong one: same rows, same keys and ids in the same order, and
 * the same values (numbers within a relative 1e-9, as sums may add in another order).
 */

const RELATIVE_TOLERANCE = 1e-9;

interface Answer {
  rows: Array<{ id?: unknown; key?: unknown; value?: unknown }>;
}

/** Undefined when the answers agree, otherwise what differs first. */
export function answerDifference(settee: unknown, peer: unknown): string | undefined {
  const left = rowsOf(settee);
  const right = rowsOf(peer);
  if (!left || !right) return 'an answer has no rows';
  if (left.length !== right.length) return `${left.length} rows against ${right.length}`;
  for (let i = 0; i < left.length; i++) {
    const a = left[i]!;
    const b = right[i]!;
    if (a.id !== b.id || JSON.stringify(a.key) !== JSON.stringify(b.key)) return `row ${i}: ${JSON.stringify([a.key, a.id])} against ${JSON.stringify([b.key, b.id])}`;
    if (!sameValue(a.value, b.value)) return `row ${i} (key ${JSON.stringify(a.key)}): value ${JSON.stringify(a.value)} against ${JSON.stringify(b.value)}`;
  }
  return undefined;
}

function rowsOf(answer: unknown): Answer['rows'] | undefined {
  const rows = (answer as Partial<Answer> | null)?.rows;
  return Array.isArray(rows) ? rows : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= RELATIVE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
  return JSON.stringify(a) === JSON.stringify(b);
}

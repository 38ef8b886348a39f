/**
 * Match sets: doc numbers ascending with a score each. Boolean queries combine them by
 * linear merges (intersection, exclusion, optional scores) or, for unions of many lists,
 * by a dense accumulator over the doc-number space.
 */
export interface Hits {
  readonly docs: Uint32Array;
  readonly scores: Float64Array;
}

export const NO_HITS: Hits = { docs: new Uint32Array(0), scores: new Float64Array(0) };

export function constantHits(sortedDocs: ArrayLike<number>, score: number): Hits {
  return { docs: Uint32Array.from(sortedDocs), scores: new Float64Array(sortedDocs.length).fill(score) };
}

/** Documents in both; scores add up. */
export function intersect(a: Hits, b: Hits): Hits {
  const docs = new Uint32Array(Math.min(a.docs.length, b.docs.length));
  const scores = new Float64Array(docs.length);
  let n = 0;
  for (let i = 0, j = 0; i < a.docs.length && j < b.docs.length; ) {
    const x = a.docs[i]!;
    const y = b.docs[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else {
      docs[n] = x;
      scores[n++] = a.scores[i++]! + b.scores[j++]!;
    }
  }
  return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
}

/** `base`'s documents; those also in `optional` add its score (a SHOULD beside a MUST). */
export function addOptional(base: Hits, optional: Hits): Hits {
  const scores = Float64Array.from(base.scores);
  for (let i = 0, j = 0; i < base.docs.length && j < optional.docs.length; ) {
    const x = base.docs[i]!;
    const y = optional.docs[j]!;
    if (x < y) i++;
    else if (x > y) j++;
    else scores[i++]! += optional.scores[j++]!;
  }
  return { docs: base.docs, scores };
}

/** `a` without the documents of `b`. */
export function exclude(a: Hits, b: Hits): Hits {
  if (b.docs.length === 0) return a;
  const docs = new Uint32Array(a.docs.length);
  const scores = new Float64Array(a.docs.length);
  let n = 0;
  for (let i = 0, j = 0; i < a.docs.length; i++) {
    const x = a.docs[i]!;
    while (j < b.docs.length && b.docs[j]! < x) j++;
    if (j < b.docs.length && b.docs[j] === x) continue;
    docs[n] = x;
    scores[n++] = a.scores[i]!;
  }
  return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
}

/** Documents in any list; scores add up. */
export function union(lists: readonly Hits[], maxDoc: number): Hits {
  const nonEmpty = lists.filter((hits) => hits.docs.length > 0);
  if (nonEmpty.length === 0) return NO_HITS;
  if (nonEmpty.length === 1) return nonEmpty[0]!;
  const total = new Float64Array(maxDoc);
  const seen = new Uint8Array(maxDoc);
  let count = 0;
  for (const hits of nonEmpty) {
    for (let i = 0; i < hits.docs.length; i++) {
      const doc = hits.docs[i]!;
      if (!seen[doc]) {
        seen[doc] = 1;
        count++;
      }
      total[doc]! += hits.scores[i]!;
    }
  }
  const docs = new Uint32Array(count);
  const scores = new Float64Array(count);
  for (let doc = 0, n = 0; n < count; doc++) {
    if (!seen[doc]) continue;
    docs[n] = doc;
    scores[n++] = total[doc]!;
  }
  return { docs, scores };
}

export function scale(hits: Hits, factor: number): Hits {
  if (factor === 1) return hits;
  return { docs: hits.docs, scores: hits.scores.map((score) => score * factor) };
}

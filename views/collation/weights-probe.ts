/**
 * Build-time only: finds the secondary and tertiary weights of one letter by comparing it,
 * with `Intl.Collator`, against probe strings built from letters and marks whose weights
 * are already known. See `weights-measure.ts` for the model.
 */

export const FULL = new Intl.Collator('und', { sensitivity: 'variant' });
export const ACCENT = new Intl.Collator('und', { sensitivity: 'accent' });
export const BASE = new Intl.Collator('und', { sensitivity: 'base' });

/** Sorts by a collator, then by code units, so equal strings keep a stable order. */
export const byStrength = (collator: Intl.Collator) => (x: string, y: string): number =>
  collator.compare(x, y) || (x < y ? -1 : x > y ? 1 : 0);

/** The primary ranks of a list of elements, as a comparable string. */
export const primariesOf = (ces: readonly Ce[]): string => ces.filter((ce) => ce.primary > 0).map((ce) => ce.primary).join();

/** One collation element: primary rank (0 = none), secondary slot, tertiary slot. */
export interface Ce {
  readonly primary: number;
  readonly secondary: number;
  readonly tertiary: number;
}

export interface ProbeContext {
  /** Mark groups in secondary order; each is a list of tertiary classes (equal strings). */
  readonly markGroups: readonly (readonly string[][])[];
  /** For each primary rank, its letters with a common secondary, as tertiary classes. */
  readonly primaryClasses: ReadonlyMap<number, readonly string[][]>;
  readonly repOfRank: (rank: number) => string;
  readonly anomalies: string[];
}

export interface MeasuredLetter {
  readonly ces: Ce[];
  /**
   * Elements from this index on have no measured tertiary (no probe string could be
   * built, or an earlier element fell between two class members); `weights-measure.ts`
   * ranks them among letters that agree up to there. `ces.length` when all are measured.
   */
  readonly measuredUpTo: number;
}

/** Slot of mark group `index` on the secondary scale; odd slots lie between groups. */
export const markSlot = (index: number): number => 2 * (index + 1);

const hex = (s: string): string => `U+${s.codePointAt(0)!.toString(16).toUpperCase()}`;

/** Binary search for `target` among probes built from ordered candidates: exact index, or last index below. */
function locate(count: number, order: (index: number) => number): { index: number; exact: boolean } {
  let lo = 0;
  let hi = count - 1;
  let below = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = order(mid);
    if (c === 0) return { index: mid, exact: true };
    if (c > 0) {
      below = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return { index: below, exact: false };
}

export function measureLetter(s: string, pseq: readonly number[], ctx: ProbeContext): MeasuredLetter {
  const reps = pseq.map(ctx.repOfRank);
  const ces: Ce[] = pseq.map((primary) => ({ primary, secondary: 0, tertiary: 0 }));
  const realized: (string | undefined)[] = [...reps];
  if (ACCENT.compare(s, reps.join('')) !== 0) {
    const extra = findExtraSecondary(s, reps, ctx);
    if (extra) {
      ces.splice(extra.position, 0, { primary: 0, secondary: extra.slot, tertiary: 0 });
      realized.splice(extra.position, 0, extra.realization);
    } else ctx.anomalies.push(`${hex(s)}: secondary difference not modelled by one extra element`);
  }
  if (realized.some((r) => r === undefined)) return { ces, measuredUpTo: 0 };
  return { ces, measuredUpTo: probeTertiaries(s, ces, realized as string[], ctx) };
}

/**
 * The letter is its base letters plus one secondary-only element. With the highest mark
 * inserted at position i, the probe sorts above the letter for every i up to the
 * element's position and below it after, which gives the position; a binary search over
 * the marks at that position gives the weight.
 */
function findExtraSecondary(s: string, reps: readonly string[], ctx: ProbeContext) {
  const at = (i: number, mark: string) => reps.slice(0, i).join('') + mark + reps.slice(i).join('');
  const marks = ctx.markGroups;
  const highest = marks[marks.length - 1]![0]![0]!;
  let position = -1;
  for (let i = 0; i <= reps.length; i++) if (ACCENT.compare(s, at(i, highest)) <= 0) position = i;
  if (position < 0) return undefined;
  const found = locate(marks.length, (i) => ACCENT.compare(s, at(position, marks[i]![0]![0]!)));
  if (found.exact) return { position, slot: markSlot(found.index), realization: marks[found.index]![0]![0]! };
  // Below every mark here can also mean "above every mark, one position later" (ß, æ, ð):
  // the probes cannot tell those apart, so check the later position directly.
  if (found.index < 0 && position < reps.length && ACCENT.compare(s, at(position + 1, highest)) > 0) {
    return { position: position + 1, slot: markSlot(marks.length - 1) + 1, realization: undefined };
  }
  return { position, slot: markSlot(found.index) + 1, realization: undefined };
}

/**
 * Element by element, find the tertiary class member that makes the probe equal to the
 * letter. Returns how many elements got a tertiary before one fell between two members.
 */
function probeTertiaries(s: string, ces: Ce[], realized: readonly string[], ctx: ProbeContext): number {
  let prefix = '';
  for (let i = 0; i < ces.length; i++) {
    const ce = ces[i]!;
    const scale = ce.primary > 0 ? ctx.primaryClasses.get(ce.primary) : ctx.markGroups[ce.secondary / 2 - 1];
    if (!scale) throw new Error(`${hex(s)}: no tertiary scale for element ${i}`);
    const suffix = realized.slice(i + 1).join('');
    const found = locate(scale.length, (k) => FULL.compare(s, prefix + scale[k]![0]! + suffix));
    if (found.exact) {
      ces[i] = { ...ce, tertiary: 2 * found.index };
      prefix += scale[found.index]![0]!;
      continue;
    }
    if (found.index < 0) ctx.anomalies.push(`${hex(s)}: tertiary below common at element ${i}`);
    ces[i] = { ...ce, tertiary: Math.max(0, 2 * found.index + 1) };
    return i + 1;
  }
  return ces.length;
}

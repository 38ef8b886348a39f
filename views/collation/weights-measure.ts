/**
 * Build-time only: derives per-code-point collation elements for ICU root collation by
 * asking `Intl.Collator` questions, because JavaScript has no sort-key API. Used by
 * `generate-weights.ts`; never imported at run time.
 *
 * The model (UCA-style): each code point maps to a list of collation elements (CEs),
 * each with a primary rank, a secondary slot and a tertiary slot.
 *  1. Primaries: sort every code point at `sensitivity: 'base'`; each run of equal
 *     strings is a group. A group sorting below `previousPrimary + U+FFFF` starts with
 *     that primary and is an expansion (ß = s s, æ = a e); its tail is found by binary
 *     search over single primaries. Every other group is a primary of its own.
 *  2. Secondaries: combining marks sorted at `'accent'` give the secondary scale. A
 *     letter that differs from its base letters at that level (ø, ð, æ) gets one extra
 *     secondary-only CE, whose position and weight are found by probing with marks.
 *     Precomposed letters reuse the CEs of their NFD parts (é = e + U+0301), except
 *     contractions (й), which have primaries of their own.
 *  3. Tertiaries: within a class of letters that share primary and secondary (a, A, ª,
 *     ａ …) the full-strength order gives the slot; expansions are probed element by
 *     element against those classes.
 * Slots are even for measured members and odd for "between two members", so weights
 * found only by probing still fall in the right gap.
 */
import { MAIN_PLANES_END, TAGS_END, TAGS_START } from './ce-format.js';
import { ACCENT, BASE, FULL, byStrength, measureLetter, primariesOf, type Ce, type ProbeContext } from './weights-probe.js';
import { densifySecondaries, rankBetweenSecondaries, rankUnmeasuredTertiaries, type PartlyMeasured } from './weights-refine.js';

export type { Ce };
export type UnitWeights = readonly Ce[] | 'implicit';

export interface MeasuredWeights {
  /** Explicit primary ranks run 1..primaryCount; U+FFFD and U+FFFF follow the implicit range. */
  readonly primaryCount: number;
  readonly units: ReadonlyMap<number, UnitWeights>;
  /** Precomposed letters that are contractions (their own weights, not their NFD parts'). */
  readonly contractions: readonly number[];
  /** Notes about code points the model could not fit, for the generator's report. */
  readonly anomalies: readonly string[];
}

/** ICU root gives U+FFFF the highest primary, so `x + U+FFFF` bounds everything starting with x. */
const MAX_PRIMARY_CHAR = '\uffff';
/** The longest expansion followed (U+FDFA expands to 18 elements). */
const MAX_EXPANSION = 24;
const SPECIAL_LAST = ['\ufffd', '\uffff'];
const HANGUL_SYLLABLES_START = 0xac00;
const HANGUL_SYLLABLES_END = 0xd7a3;

interface Group {
  readonly members: string[];
  readonly rep: string;
  /** Primary sequence: one rank for a primary group, several for an expansion. */
  pseq: number[];
  expansion: boolean;
  /** For an expansion: the primary groups it is made of. */
  parts: Group[];
}

const str = (cp: number): string => String.fromCodePoint(cp);

function groupRuns(sorted: string[], collator: Intl.Collator): string[][] {
  const runs: string[][] = [];
  for (const s of sorted) {
    const last = runs[runs.length - 1];
    if (last && collator.compare(last[0]!, s) === 0) last.push(s);
    else runs.push([s]);
  }
  return runs;
}

function* candidates(): Generator<number> {
  for (let cp = 0; cp < MAIN_PLANES_END; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    // Hangul syllables are always read as their jamo (NFD), so they need no entry.
    if (cp >= HANGUL_SYLLABLES_START && cp <= HANGUL_SYLLABLES_END) continue;
    yield cp;
  }
  for (let cp = TAGS_START; cp < TAGS_END; cp++) yield cp;
}

/** Unassigned and private-use code points get implicit weights in code point order. */
const isImplicit = (s: string): boolean => /^[\p{Cn}\p{Co}]$/u.test(s) && s !== '\ufffe' && s !== '\uffff';

export function measureWeights(): MeasuredWeights {
  const anomalies: string[] = [];
  const units = new Map<number, UnitWeights>();
  const marks: string[] = [];
  const tertiaryOnly: string[] = [];
  const bearing: string[] = [];
  const unnormalized: number[] = [];
  for (const cp of candidates()) {
    const s = str(cp);
    if (s.normalize('NFC') !== s) unnormalized.push(cp);
    else if (FULL.compare(s, '') === 0) units.set(cp, []);
    else if (BASE.compare(s, '') === 0) (ACCENT.compare(s, '') === 0 ? tertiaryOnly : marks).push(s);
    else if (isImplicit(s)) units.set(cp, 'implicit');
    else bearing.push(s);
  }

  // 1. Primaries.
  const groups = groupRuns(bearing.sort(byStrength(BASE)), BASE).map((run): Group => {
    const members = run.sort(byStrength(FULL));
    return { members, rep: members[0]!, pseq: [], expansion: false, parts: [] };
  });
  const primaries: Group[] = [];
  for (const g of groups) {
    const last = primaries[primaries.length - 1];
    g.expansion = !!last && !SPECIAL_LAST.includes(g.rep) && BASE.compare(g.rep, last.rep + MAX_PRIMARY_CHAR) < 0;
    if (!g.expansion) primaries.push(g);
  }
  const tails = primaries.filter((g) => !SPECIAL_LAST.includes(g.rep));
  const expansionHeads = new Map<Group, Group>();
  let head: Group | undefined;
  for (const g of groups) {
    if (!g.expansion) head = g;
    else if (head) expansionHeads.set(g, head);
  }
  for (const [g, first] of expansionHeads) {
    const parts = decomposePrimaries(g.rep, first, tails);
    if (parts) g.parts = parts;
    else {
      anomalies.push(`U+${g.rep.codePointAt(0)!.toString(16)}: expansion not decomposable, given its own primary`);
      g.expansion = false;
    }
  }
  // Number the primaries in sort order (failed expansions included), then resolve tails.
  const rankOf = new Map<Group, number>();
  const ordered = groups.filter((g) => !g.expansion && !SPECIAL_LAST.includes(g.rep));
  ordered.forEach((g, i) => rankOf.set(g, i + 1));
  const primaryCount = ordered.length;
  for (const g of groups) {
    const special = SPECIAL_LAST.indexOf(g.rep);
    if (special >= 0) g.pseq = [primaryCount + 1 + special];
    else if (!g.expansion) g.pseq = [rankOf.get(g)!];
    else g.pseq = g.parts.map((t) => rankOf.get(t)!);
  }
  const repOfRank = (rank: number): string => ordered[rank - 1]?.rep ?? SPECIAL_LAST[rank - primaryCount - 1]!;
  const groupOf = new Map<string, Group>();
  for (const g of groups) for (const m of g.members) groupOf.set(m, g);

  // 2. Secondary scale from the marks; tertiary classes.
  const markGroups = groupRuns(marks.sort(byStrength(ACCENT)), ACCENT).map((run) =>
    groupRuns(run.sort(byStrength(FULL)), FULL),
  );
  const markSlot = (index: number): number => 2 * (index + 1);
  markGroups.forEach((classes, gi) =>
    classes.forEach((cls, ti) => cls.forEach((m) => units.set(m.codePointAt(0)!, [{ primary: 0, secondary: markSlot(gi), tertiary: 2 * ti }]))),
  );
  groupRuns(tertiaryOnly.sort(byStrength(FULL)), FULL).forEach((cls, ti) =>
    cls.forEach((m) => units.set(m.codePointAt(0)!, [{ primary: 0, secondary: 0, tertiary: 2 * (ti + 1) }])),
  );
  const primaryClasses = new Map<number, string[][]>();
  for (const g of groups) {
    if (g.expansion) continue;
    const plain = g.members.filter((m) => ACCENT.compare(m, g.rep) === 0);
    const classes = groupRuns(plain, FULL);
    primaryClasses.set(g.pseq[0]!, classes);
    classes.forEach((cls, ti) => cls.forEach((m) => units.set(m.codePointAt(0)!, [{ primary: g.pseq[0]!, secondary: 0, tertiary: 2 * ti }])));
  }

  const context: ProbeContext = { markGroups, primaryClasses, repOfRank, anomalies };
  const unmeasured: PartlyMeasured[] = [];
  const contractions: number[] = [];
  const unitOf = (s: string): readonly Ce[] => {
    const cp = s.codePointAt(0)!;
    const known = units.get(cp);
    if (known !== undefined && known !== 'implicit') return known;
    const group = groupOf.get(s);
    if (!group) throw new Error(`U+${cp.toString(16)}: no primary group (implicit part of a decomposition?)`);
    const ces = lettersCes(s, group.pseq);
    units.set(cp, ces);
    return ces;
  };
  const lettersCes = (s: string, pseq: readonly number[]): readonly Ce[] => {
    // Precomposed letters are their NFD parts, unless a contraction gives them other primaries.
    const nfd = s.normalize('NFD');
    if (nfd !== s) {
      const flat = [...nfd].flatMap((part) => unitOf(part));
      if (primariesOf(flat) === pseq.join()) return flat;
    }
    const letter = measureLetter(s, pseq, context);
    if (letter.measuredUpTo < letter.ces.length) unmeasured.push({ s, ces: letter.ces, from: letter.measuredUpTo });
    return letter.ces;
  };
  // Letters first, then precomposed letters, whose NFD parts must have final tertiaries.
  const isDecomposed = (s: string): boolean => s.normalize('NFD') === s;
  for (const s of bearing.filter(isDecomposed)) unitOf(s);
  rankBetweenSecondaries(bearing.filter(isDecomposed).map((s) => ({ s, ces: units.get(s.codePointAt(0)!) as Ce[] })));
  rankUnmeasuredTertiaries(unmeasured.splice(0));
  for (const s of bearing.filter((s) => !isDecomposed(s))) unitOf(s);
  rankUnmeasuredTertiaries(unmeasured);
  // Contractions: precomposed letters whose primaries differ from their NFD parts' (й ≠ и + ̆).
  for (const s of bearing) {
    const nfd = s.normalize('NFD');
    if (nfd !== s && primariesOf([...nfd].flatMap((part) => unitOf(part))) !== primariesOf(unitOf(s))) {
      contractions.push(s.codePointAt(0)!);
    }
  }
  for (const cp of unnormalized) {
    const parts = [...str(cp).normalize('NFC')].map((p) => units.get(p.codePointAt(0)!));
    if (parts.some((p) => p === undefined || p === 'implicit')) units.set(cp, 'implicit');
    else units.set(cp, (parts as (readonly Ce[])[]).flat());
  }
  densifySecondaries(units);
  return { primaryCount, units, contractions: contractions.sort((x, y) => x - y), anomalies };
}


/** The groups whose primaries, in order, make up the expansion `target` (which starts with `first`). */
function decomposePrimaries(target: string, first: Group, tails: readonly Group[]): Group[] | undefined {
  const seq = [first];
  let prefix = first.rep;
  for (let n = 0; n < MAX_EXPANSION; n++) {
    const order = BASE.compare(prefix, target);
    if (order === 0) return seq;
    if (order > 0) return undefined;
    let lo = 0;
    let hi = tails.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (BASE.compare(prefix + tails[mid]!.rep, target) <= 0) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return undefined;
    seq.push(tails[best]!);
    prefix += tails[best]!.rep;
  }
  return undefined;
}


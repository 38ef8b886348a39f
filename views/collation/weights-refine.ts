/**
 * Build-time only: passes that finish the weights `weights-measure.ts` derives, where
 * single probes cannot decide: letters sharing a "between marks" secondary, letters
 * whose tertiaries could only partly be probed, and the final renumbering.
 */
import type { UnitWeights } from './weights-measure.js';
import { ACCENT, FULL, byStrength, primariesOf, type Ce } from './weights-probe.js';

/** Fraction that orders letters sharing one "between marks" secondary slot (ſ < ꞅ). */
const SUBRANK_FRACTION = 1 / 1024;

/**
 * Letters of one primary whose extra secondary falls in the same gap between marks are
 * still ordered against each other by ICU (ſ < ꞅ, both above every mark). Rank them
 * within the gap with a fraction; `densifySecondaries` turns the scale back into integers.
 */
export function rankBetweenSecondaries(letters: readonly { s: string; ces: Ce[] }[]): void {
  const gaps = new Map<string, { s: string; ces: Ce[]; at: number }[]>();
  for (const { s, ces } of letters) {
    const at = ces.findIndex((ce) => ce.primary === 0 && ce.secondary % 2 === 1);
    if (at < 0) continue;
    const key = `${primariesOf(ces)}|${at}|${ces[at]!.secondary}`;
    gaps.set(key, [...(gaps.get(key) ?? []), { s, ces, at }]);
  }
  for (const members of gaps.values()) {
    members.sort((x, y) => byStrength(ACCENT)(x.s, y.s));
    let rank = 0;
    members.forEach((m, i) => {
      if (i > 0 && ACCENT.compare(members[i - 1]!.s, m.s) !== 0) rank++;
      m.ces[m.at] = { ...m.ces[m.at]!, secondary: m.ces[m.at]!.secondary + rank * SUBRANK_FRACTION };
    });
  }
}

/** Renumbers secondary slots 1..n in order (0 stays common), so they fit the packed format. */
export function densifySecondaries(units: Map<number, UnitWeights>): void {
  const values = new Set<number>();
  for (const unit of units.values()) if (unit !== 'implicit') for (const ce of unit) if (ce.secondary > 0) values.add(ce.secondary);
  const dense = new Map([...values].sort((x, y) => x - y).map((v, i) => [v, i + 1]));
  for (const [cp, unit] of units) {
    if (unit !== 'implicit') units.set(cp, unit.map((ce) => (ce.secondary > 0 ? { ...ce, secondary: dense.get(ce.secondary)! } : ce)));
  }
}

/** A letter whose tertiaries are known only for its first `from` elements. */
export interface PartlyMeasured {
  readonly s: string;
  readonly ces: Ce[];
  readonly from: number;
}

/** Tertiary of the first unmeasured element after a measured one fell between members. */
const AFTER_BETWEEN_TERTIARY = 1;

/**
 * Finishes letters whose tertiaries could not all be probed: among letters with the same
 * elements that agree on the measured part, the full-strength order ranks the rest
 * (ǳ < ǲ < Ǳ). With nothing measured this ranks the whole letter among its class.
 */
export function rankUnmeasuredTertiaries(letters: readonly PartlyMeasured[]): void {
  const classes = new Map<string, PartlyMeasured[]>();
  for (const letter of letters) {
    const measured = letter.ces.slice(0, letter.from).map((ce) => ce.tertiary);
    const signature = `${letter.ces.map((ce) => `${ce.primary}.${ce.secondary}`).join()}|${measured.join()}`;
    classes.set(signature, [...(classes.get(signature) ?? []), letter]);
  }
  for (const members of classes.values()) {
    members.sort((x, y) => byStrength(FULL)(x.s, y.s));
    let rank = 0;
    members.forEach((m, i) => {
      if (i > 0 && FULL.compare(members[i - 1]!.s, m.s) !== 0) rank++;
      const base = m.from === 0 ? 0 : AFTER_BETWEEN_TERTIARY;
      // The rank goes on the remaining primary elements, or on the marks if there are none.
      const rest = m.ces.slice(m.from);
      const onPrimaries = rest.some((ce) => ce.primary > 0);
      for (let j = m.from; j < m.ces.length; j++) {
        if (onPrimaries && m.ces[j]!.primary === 0) continue;
        m.ces[j] = { ...m.ces[j]!, tertiary: base + 2 * rank };
      }
    });
  }
}


import { hash64 } from './hash.js';

/**
 * HyperLogLog sketches for `_approx_count_distinct`, at CouchDB's precision 11: 2048
 * registers, standard error 1.04/√2048 ≈ 2.3%.
 *
 * A sketch is plain data in one of two forms, chosen only by how many registers are
 * non-zero, so equal registers always give an equal sketch:
 * - `sparse`: the non-zero registers as `index << RANK_BITS | rank`, ascending;
 * - `dense`: all registers, one byte each.
 * Union is the register-wise maximum, exact and order-free. The estimate is Ertl's
 * "improved raw estimator" (arXiv:1702.01284, algorithm 6), which is unbiased from one
 * element up without HLL++'s empirical bias tables.
 */
export type HllSketch = { readonly sparse: readonly number[] } | { readonly dense: Uint8Array };

export const HLL_PRECISION = 11;
const REGISTER_COUNT = 1 << HLL_PRECISION;
/** The register index is the top PRECISION bits of the 64-bit hash's high half. */
const INDEX_SHIFT = 32 - HLL_PRECISION;
/** Hash bits left after the index; a register holds 1 + their leading zeros, at most this + 1. */
const RANK_SOURCE_BITS = 64 - HLL_PRECISION;
const HIGH_RANK_BITS = 32 - HLL_PRECISION;
/** Ranks are at most RANK_SOURCE_BITS + 1 = 54, which fits in 6 bits. */
const RANK_BITS = 6;
const RANK_MASK = (1 << RANK_BITS) - 1;
/**
 * Above this many non-zero registers the dense form is smaller: msgpack spends about five
 * bytes on a packed sparse entry (it exceeds 16 bits) and one byte per dense register.
 */
const SPARSE_MAX_ENTRIES = Math.floor(REGISTER_COUNT / 5);
/** α∞ = 1 / (2 ln 2), the estimator's limit constant. */
const ALPHA_INF = 1 / (2 * Math.LN2);

/** Register index and rank of one item, from its 64-bit hash. */
function locate(text: string): { index: number; rank: number } {
  const { high, low } = hash64(text);
  const index = high >>> INDEX_SHIFT;
  const rest = (high << HLL_PRECISION) >>> 0;
  if (rest !== 0) return { index, rank: Math.clz32(rest) + 1 };
  const rank = low !== 0 ? HIGH_RANK_BITS + Math.clz32(low) + 1 : RANK_SOURCE_BITS + 1;
  return { index, rank };
}

/** Mutable registers while building a sketch; never stored. */
export class HllRegisters {
  private readonly registers = new Uint8Array(REGISTER_COUNT);

  /** Adds an item, identified by its canonical string form. */
  add(text: string): void {
    const { index, rank } = locate(text);
    if (rank > this.registers[index]) this.registers[index] = rank;
  }

  /** Unions a stored sketch into these registers. */
  merge(sketch: HllSketch): void {
    const registers = this.registers;
    if ('sparse' in sketch) {
      for (const entry of sketch.sparse) {
        const index = entry >>> RANK_BITS;
        const rank = entry & RANK_MASK;
        if (rank > registers[index]) registers[index] = rank;
      }
      return;
    }
    for (let i = 0; i < REGISTER_COUNT; i++) {
      const rank = sketch.dense[i];
      if (rank > registers[i]) registers[i] = rank;
    }
  }

  toSketch(): HllSketch {
    const entries: number[] = [];
    for (let i = 0; i < REGISTER_COUNT; i++) {
      const rank = this.registers[i];
      if (rank === 0) continue;
      if (entries.length === SPARSE_MAX_ENTRIES) return { dense: this.registers.slice() };
      entries.push((i << RANK_BITS) | rank);
    }
    return { sparse: entries };
  }
}

/** The estimated number of distinct items, unrounded. */
export function estimateCardinality(sketch: HllSketch): number {
  const histogram = new Array<number>(RANK_SOURCE_BITS + 2).fill(0);
  if ('sparse' in sketch) {
    histogram[0] = REGISTER_COUNT - sketch.sparse.length;
    for (const entry of sketch.sparse) histogram[entry & RANK_MASK] += 1;
  } else {
    for (let i = 0; i < REGISTER_COUNT; i++) histogram[sketch.dense[i]] += 1;
  }
  const m = REGISTER_COUNT;
  const q = RANK_SOURCE_BITS;
  let z = m * tau(1 - histogram[q + 1] / m);
  for (let k = q; k >= 1; k--) z = 0.5 * (z + histogram[k]);
  z += m * sigma(histogram[0] / m);
  return (ALPHA_INF * m * m) / z;
}

/** σ(x) = x + Σ_{k≥1} x^(2^k) 2^(k-1), summed until it stops changing. */
function sigma(x: number): number {
  if (x === 1) return Infinity;
  let y = 1;
  let z = x;
  let previous: number;
  do {
    x *= x;
    previous = z;
    z += x * y;
    y += y;
  } while (z !== previous);
  return z;
}

/** τ(x) = (1/3)(1 − x − Σ_{k≥1} (1 − x^(2^−k))² 2^−k), summed until it stops changing. */
function tau(x: number): number {
  if (x === 0 || x === 1) return 0;
  let y = 1;
  let z = 1 - x;
  let previous: number;
  do {
    x = Math.sqrt(x);
    previous = z;
    y *= 0.5;
    z -= (1 - x) ** 2 * y;
  } while (z !== previous);
  return z / 3;
}

/**
 * A 64-bit non-cryptographic string hash for HyperLogLog, returned as two 32-bit halves.
 * It is MurmurHash3's block and finalization steps run in two lanes (as MurmurHash3_x86_128
 * does in four) over the string's UTF-16 code units taken two at a time, so no UTF-8
 * encoding is needed. Every output bit depends on every input bit after the final mix.
 * Stable across processes and versions: stored sketches depend on it.
 */
export interface Hash64 {
  readonly high: number;
  readonly low: number;
}

/** MurmurHash3's multiplication constants (x86_32 block mix, fmix32). */
const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;
const FMIX1 = 0x85ebca6b;
const FMIX2 = 0xc2b2ae35;
/** Distinct lane seeds and additive constants, so the two halves are independent. */
const SEED_A = 0x9747b28c;
const SEED_B = 0x5bd1e995;
const ADD_A = 0xe6546b64;
const ADD_B = 0x38495ab5;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, FMIX1);
  h ^= h >>> 13;
  h = Math.imul(h, FMIX2);
  return h ^ (h >>> 16);
}

function mixBlock(k: number): number {
  return Math.imul(rotl(Math.imul(k, C1), 15), C2);
}

export function hash64(text: string): Hash64 {
  let a = SEED_A;
  let b = SEED_B;
  const length = text.length;
  let i = 0;
  for (; i + 1 < length; i += 2) {
    const k = mixBlock(text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
    a = (Math.imul(rotl(a ^ k, 13), 5) + ADD_A) | 0;
    b = (Math.imul(rotl(b ^ rotl(k, 7), 17), 5) + ADD_B) | 0;
    a = (a + b) | 0;
  }
  if (i < length) {
    const k = mixBlock(text.charCodeAt(i));
    a ^= k;
    b ^= rotl(k, 7);
  }
  a ^= length;
  b ^= length;
  a = (a + b) | 0;
  b = (b + a) | 0;
  a = fmix(a);
  b = fmix(b);
  a = (a + b) | 0;
  b = (b + a) | 0;
  return { high: a >>> 0, low: b >>> 0 };
}

/**
 * Build-time only: checks a sort-key writer against `Intl.Collator` on random strings
 * from several alphabets, so the generator can refuse to write a table that disagrees
 * with ICU where it matters and report how often it disagrees elsewhere.
 */
import { ByteWriter, compareBytes } from './byte-writer.js';
import type { SortKeyWriter } from './sort-key.js';

const FULL = new Intl.Collator('und', { sensitivity: 'variant' });

const range = (first: number, last: number): string[] =>
  Array.from({ length: last - first + 1 }, (_, i) => String.fromCodePoint(first + i));

/** The alphabet the property tests draw from; the table must agree with ICU on all of it. */
export const TEST_ALPHABET: readonly string[] = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff),
  ...range(0x400, 0x4ff),
  ...range(0x4e00, 0x4e40),
  ...range(0x9f80, 0x9fa0),
  '\u200b',
];

const CONFUSABLES = [...'aAáàäåæÆªａeEéèsSßẞoOøØöºdDðđĐfFiIﬁﬂ1¹₁½⅓⁄2²lLłŁŀĿ·tTþÞhH-‐–—_ \u00a0\u3000'];

export const ALPHABETS: Readonly<Record<string, { letters: readonly string[]; maxLength: number; strict: boolean }>> = {
  test: { letters: TEST_ALPHABET, maxLength: 6, strict: true },
  confusables: { letters: CONFUSABLES, maxLength: 4, strict: true },
  thai: { letters: [...range(0xe01, 0xe5b), 'a'], maxLength: 5, strict: true },
  bmp: { letters: range(0x20, 0xfffd).filter((s) => s.normalize('NFC') === s && !/\p{Cs}/u.test(s)), maxLength: 3, strict: false },
  marks: { letters: [...'aeoAEO', ...range(0x300, 0x36f), ...range(0x1dc0, 0x1dff)], maxLength: 4, strict: false },
  scripts: {
    letters: [
      ...range(0x370, 0x3ff), ...range(0x600, 0x6ff), ...range(0x980, 0x9ff), ...range(0xb00, 0xb7f),
      ...range(0x1100, 0x11ff), ...range(0x3130, 0x318f), ...range(0xac00, 0xac40), ...range(0x1f00, 0x1fff),
      ...range(0x2000, 0x2bff), ...range(0x3300, 0x33ff), ...range(0xf900, 0xfaff), ...range(0xfb00, 0xfb4f), ...range(0xff00, 0xffef),
    ],
    maxLength: 4,
    strict: false,
  },
  astral: { letters: [...range(0x1f300, 0x1f3ff), ...range(0x1d400, 0x1d4ff), ...range(0x20000, 0x20100), ...range(0x10000, 0x100ff), 'a', 'A'], maxLength: 3, strict: false },
};

/** A small deterministic PRNG so runs are reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export interface ValidationResult {
  readonly alphabet: string;
  readonly pairs: number;
  readonly mismatches: number;
  readonly strict: boolean;
  readonly examples: readonly string[];
}

function keyOf(write: SortKeyWriter): (s: string) => Uint8Array {
  return (s) => {
    const out = new ByteWriter();
    write(s, out);
    return out.toBytes();
  };
}

/** Every BMP code point alone, sorted by ICU: each neighbouring pair must compare alike. */
export function validateSingles(write: SortKeyWriter): ValidationResult {
  const key = keyOf(write);
  const singles = range(0, 0xffff).filter((s) => !/\p{Cs}/u.test(s)).sort((a, b) => FULL.compare(a, b) || (a < b ? -1 : 1));
  const keys = singles.map(key);
  let mismatches = 0;
  const examples: string[] = [];
  for (let i = 1; i < singles.length; i++) {
    const expected = Math.sign(FULL.compare(singles[i - 1]!, singles[i]!));
    const actual = compareBytes(keys[i - 1]!, keys[i]!);
    if (expected === actual) continue;
    mismatches++;
    if (examples.length < 8) examples.push(`U+${singles[i - 1]!.codePointAt(0)!.toString(16)} vs U+${singles[i]!.codePointAt(0)!.toString(16)}: ICU ${expected}, ours ${actual}`);
  }
  return { alphabet: 'singles', pairs: singles.length - 1, mismatches, strict: false, examples };
}

export function validate(write: SortKeyWriter, pairs: number): ValidationResult[] {
  const next = random(0x5e77ee);
  const key = keyOf(write);
  const results = Object.entries(ALPHABETS).map(([alphabet, { letters, maxLength, strict }]) => {
    const word = (): string => {
      const length = Math.floor(next() * (maxLength + 1));
      return Array.from({ length }, () => letters[Math.floor(next() * letters.length)]!).join('');
    };
    let mismatches = 0;
    const examples: string[] = [];
    for (let i = 0; i < pairs; i++) {
      const a = word();
      // Half the pairs share a prefix, so later levels and positions get exercised.
      const b = next() < 0.5 ? a.slice(0, Math.floor(next() * (a.length + 1))) + word() : word();
      const expected = Math.sign(FULL.compare(a, b));
      const actual = compareBytes(key(a), key(b));
      if (expected !== actual) {
        mismatches++;
        if (examples.length < 8) examples.push(`${JSON.stringify(a)} vs ${JSON.stringify(b)}: ICU ${expected}, ours ${actual}`);
      }
    }
    return { alphabet, pairs, mismatches, strict, examples };
  });
  return [...results, validateSingles(write)];
}

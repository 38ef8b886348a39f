/**
 * ICU-compatible string sort keys: bytes whose memcmp order is the collation order and
 * which are identical exactly when the strings collate equal.
 *
 * Layout (UCA style):  primary weights · 0x01 · secondary weights · 0x01 · tertiary weights · 0x00
 * Every weight byte is ≥ 0x02, so the level separator (0x01) and terminator (0x00) sort
 * below any weight: a string whose primaries are a prefix of another's sorts first, and
 * the key is self-delimiting inside a larger encoding. Trailing common secondaries and
 * tertiaries are dropped (common is each level's minimum and the element counts of two
 * strings with equal primaries agree, so this keeps order), and empty trailing levels
 * are left out with their separators — most keys are just primaries and a 0x00.
 */
import { ByteWriter } from './byte-writer.js';
import { CeKind, MAIN_PLANES_END, TAGS_END, TAGS_START, ceKind, ceLow, cePayload, packCe } from './ce-format.js';
import type { CollationTable } from './weights-table.js';

export const LEVEL_SEPARATOR = 0x01;
export const KEY_TERMINATOR = 0x00;
/** Weight bytes run MIN_WEIGHT_BYTE..0xFF; 254 values per byte. Tertiary slots are one byte. */
export const MIN_WEIGHT_BYTE = 0x02;
const WEIGHT_RADIX = 0x100 - MIN_WEIGHT_BYTE;
/** Primary lead bytes: two-byte ranks, then three-byte ranks, then implicit, then U+FFFD/U+FFFF. */
const TWO_BYTE_LEADS = 0xe0 - MIN_WEIGHT_BYTE;
const TWO_BYTE_RANKS = TWO_BYTE_LEADS * WEIGHT_RADIX;
const THREE_BYTE_LEAD = 0xe0;
const IMPLICIT_LEAD = 0xfc;
const REPLACEMENT_WEIGHT = 0xfe;
const MAX_PRIMARY_WEIGHT = 0xff;
/** Strings without a code unit this high are already in canonical form and need no reordering. */
export const FIRST_COMPLEX_UNIT = 0x300;

/** Code points outside the tables (planes 4–13, 15, 16) are unassigned or private use. */
const IMPLICIT_CE = packCe(CeKind.implicit, 0, 0);

export type SortKeyWriter = (text: string, out: ByteWriter) => void;

export function createSortKeyWriter(table: CollationTable): SortKeyWriter {
  const { main, tags, expansions, primaryCount, prevowels } = table;
  // Low code units that take part in a contraction (the · of l·) force the slow path too.
  const slowUnits = new Uint8Array(FIRST_COMPLEX_UNIT);
  for (const { spelling } of table.sequences) {
    for (let i = 1; i < spelling.length; i++) if (spelling.charCodeAt(i) < FIRST_COMPLEX_UNIT) slowUnits[spelling.charCodeAt(i)] = 1;
  }
  let secondaries = new Uint16Array(64);
  let tertiaries = new Uint8Array(64);
  let secondaryCount = 0;
  let tertiaryCount = 0;

  const lookup = (cp: number): number =>
    cp < MAIN_PLANES_END ? main[cp]! : cp >= TAGS_START && cp < TAGS_END ? tags[cp - TAGS_START]! : IMPLICIT_CE;

  const pushSecondary = (slot: number): void => {
    if (secondaryCount === secondaries.length) {
      const grown = new Uint16Array(secondaryCount * 2);
      grown.set(secondaries);
      secondaries = grown;
    }
    secondaries[secondaryCount++] = slot;
  };
  const pushTertiary = (slot: number): void => {
    if (tertiaryCount === tertiaries.length) {
      const grown = new Uint8Array(tertiaryCount * 2);
      grown.set(tertiaries);
      tertiaries = grown;
    }
    tertiaries[tertiaryCount++] = slot;
  };

  const writePrimary = (rank: number, out: ByteWriter): void => {
    out.reserve(3);
    if (rank <= TWO_BYTE_RANKS) {
      const v = rank - 1;
      out.byte(MIN_WEIGHT_BYTE + ((v / WEIGHT_RADIX) | 0));
      out.byte(MIN_WEIGHT_BYTE + (v % WEIGHT_RADIX));
    } else if (rank <= primaryCount) {
      const v = rank - 1 - TWO_BYTE_RANKS;
      out.byte(THREE_BYTE_LEAD + ((v / (WEIGHT_RADIX * WEIGHT_RADIX)) | 0));
      out.byte(MIN_WEIGHT_BYTE + (((v / WEIGHT_RADIX) | 0) % WEIGHT_RADIX));
      out.byte(MIN_WEIGHT_BYTE + (v % WEIGHT_RADIX));
    } else out.byte(rank === primaryCount + 1 ? REPLACEMENT_WEIGHT : MAX_PRIMARY_WEIGHT);
  };
  /** Unassigned and private-use code points sort after all explicit weights, by code point. */
  const writeImplicit = (cp: number, out: ByteWriter): void => {
    out.reserve(4);
    out.byte(IMPLICIT_LEAD);
    out.byte(MIN_WEIGHT_BYTE + ((cp / (WEIGHT_RADIX * WEIGHT_RADIX)) | 0));
    out.byte(MIN_WEIGHT_BYTE + (((cp / WEIGHT_RADIX) | 0) % WEIGHT_RADIX));
    out.byte(MIN_WEIGHT_BYTE + (cp % WEIGHT_RADIX));
  };

  const writeElement = (ce: number, cp: number, out: ByteWriter): void => {
    switch (ceKind(ce)) {
      case CeKind.ignorable:
        return;
      case CeKind.primary:
        writePrimary(cePayload(ce), out);
        pushSecondary(0);
        pushTertiary(ceLow(ce));
        return;
      case CeKind.secondary:
        pushSecondary(cePayload(ce));
        pushTertiary(ceLow(ce));
        return;
      case CeKind.tertiary:
        pushTertiary(ceLow(ce));
        return;
      case CeKind.expansion: {
        const end = cePayload(ce) + ceLow(ce);
        for (let i = cePayload(ce); i < end; i++) writeElement(expansions[i]!, cp, out);
        return;
      }
      case CeKind.implicit:
        writeImplicit(cp, out);
        pushSecondary(0);
        pushTertiary(0);
        return;
    }
  };

  const writeCodePoint = (cp: number, out: ByteWriter): void => writeElement(lookup(cp), cp, out);

  return (text: string, out: ByteWriter): void => {
    secondaryCount = 0;
    tertiaryCount = 0;
    let complex = false;
    for (let i = 0; i < text.length && !complex; i++) {
      const unit = text.charCodeAt(i);
      complex = unit >= FIRST_COMPLEX_UNIT || slowUnits[unit] === 1;
    }
    const s = complex ? canonicalForm(text, table) : text;
    let pendingPrevowel = -1;
    for (let i = 0; i < s.length; ) {
      const cp = s.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      if (pendingPrevowel >= 0) {
        const consonants = prevowels.get(pendingPrevowel)!;
        if (consonants.has(cp)) {
          // Logical-order exception: the consonant's weights come first.
          writeCodePoint(cp, out);
          writeCodePoint(pendingPrevowel, out);
          pendingPrevowel = -1;
          continue;
        }
        writeCodePoint(pendingPrevowel, out);
        pendingPrevowel = -1;
      }
      if (complex && prevowels.has(cp)) pendingPrevowel = cp;
      else writeCodePoint(cp, out);
    }
    if (pendingPrevowel >= 0) writeCodePoint(pendingPrevowel, out);
    finishLevels(out);
  };

  function finishLevels(out: ByteWriter): void {
    let lastSecondary = secondaryCount - 1;
    while (lastSecondary >= 0 && secondaries[lastSecondary] === 0) lastSecondary--;
    let lastTertiary = tertiaryCount - 1;
    while (lastTertiary >= 0 && tertiaries[lastTertiary] === 0) lastTertiary--;
    if (lastSecondary >= 0 || lastTertiary >= 0) {
      out.reserve(2 + 2 * (lastSecondary + 1) + (lastTertiary + 1));
      out.byte(LEVEL_SEPARATOR);
      for (let i = 0; i <= lastSecondary; i++) {
        const slot = secondaries[i]!;
        if (slot === 0) out.byte(MIN_WEIGHT_BYTE);
        else {
          out.byte(MIN_WEIGHT_BYTE + 1 + (((slot - 1) / WEIGHT_RADIX) | 0));
          out.byte(MIN_WEIGHT_BYTE + ((slot - 1) % WEIGHT_RADIX));
        }
      }
      if (lastTertiary >= 0) {
        out.byte(LEVEL_SEPARATOR);
        for (let i = 0; i <= lastTertiary; i++) out.byte(MIN_WEIGHT_BYTE + tertiaries[i]!);
      }
    }
    out.byte(KEY_TERMINATOR);
  }
}

/**
 * ICU compares canonically equivalent strings as equal and sees marks in canonical order,
 * so weights are read from the NFD form (Hangul syllables become jamo, too). The few
 * precomposed letters that are contractions (й, Bengali ো …) must stay composed: where
 * one can occur, NFC forms them (also from discontiguous sequences) and only the text
 * between them is decomposed. A handful of letter sequences (Thai ํา = ำ) also contract.
 */
function canonicalForm(text: string, table: CollationTable): string {
  const decomposed = text.normalize('NFD');
  let mayContract = false;
  let maySequence = false;
  for (let i = 0; i < decomposed.length; i++) {
    const cp = decomposed.codePointAt(i)!;
    mayContract ||= table.contractionStarters.has(cp);
    maySequence ||= table.sequenceStarters.has(cp);
  }
  const canonical = mayContract ? composeContractions(text, table) : decomposed;
  if (!maySequence) return canonical;
  let out = canonical;
  for (const { spelling, letter } of table.sequences) out = out.replaceAll(spelling, letter);
  return out;
}

function composeContractions(text: string, table: CollationTable): string {
  const composed = text.normalize('NFC');
  let out = '';
  let runStart = 0;
  for (let i = 0; i < composed.length; ) {
    const cp = composed.codePointAt(i)!;
    const next = i + (cp > 0xffff ? 2 : 1);
    if (table.contractions.has(cp)) {
      out += composed.slice(runStart, i).normalize('NFD') + String.fromCodePoint(cp);
      runStart = next;
    }
    i = next;
  }
  return out + composed.slice(runStart).normalize('NFD');
}

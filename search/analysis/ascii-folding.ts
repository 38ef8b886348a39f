/**
 * ASCIIFoldingFilter, approximated: canonical decomposition with the combining marks
 * removed, plus the letters that do not decompose (ß, æ, ø, ł, ...).
 */
const NON_DECOMPOSING: Readonly<Record<string, string>> = {
  ß: 'ss', æ: 'ae', Æ: 'AE', ø: 'o', Ø: 'O', œ: 'oe', Œ: 'OE', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D',
  ł: 'l', Ł: 'L', þ: 'th', Þ: 'TH', ı: 'i', ħ: 'h', Ħ: 'H', ŧ: 't', Ŧ: 'T', ŋ: 'n', Ŋ: 'N',
};
const COMBINING_MARKS = /\p{M}/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const NON_DECOMPOSING_CHARS = new RegExp(`[${Object.keys(NON_DECOMPOSING).join('')}]`, 'g');

export function foldToAscii(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(NON_DECOMPOSING_CHARS, (char) => NON_DECOMPOSING[char] ?? char)
    .normalize('NFC');
}

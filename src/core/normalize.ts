/**
 * Character classes and normalisation shared by the scanner (content script) and the
 * validator (background). Pure, tiny, no metadata: the scanner bundle depends on it.
 *
 * One lookup table over the BMP keeps the scanner's inner loop to a single array read per
 * UTF-16 code unit. Every mapping here is one code unit to one code unit, so offsets into a
 * normalised string are offsets into the original text.
 */

export const DIGIT = 1;
/** Separators allowed between digit groups (spaces, dashes, dots, slashes, brackets, tildes). */
export const PUNCT = 2;
/** Characters that may open a number: plus signs and opening brackets. */
export const LEAD = 4;
/** Latin letters (and combining marks): a number glued to one is a code, not a phone number. */
export const LATIN = 8;
/** Currency symbols and percent signs: a number next to one is an amount. */
export const MONEY = 16;
export const SPACE = 32;

export const CLASS = new Uint8Array(0x10000);

function mark(bits: number, from: number, to = from): void {
  for (let c = from; c <= to; c++) CLASS[c] = (CLASS[c] ?? 0) | bits;
}

/** First code point of each BMP block of ten decimal digits we read (Unicode Nd). */
const DIGIT_BLOCKS = [0x30, 0x660, 0x6f0, 0x966, 0x9e6, 0xa66, 0xae6, 0xbe6, 0xe50, 0xed0, 0x1040, 0xff10];
for (const start of DIGIT_BLOCKS) mark(DIGIT, start, start + 9);

const hex = (c: number) => `\\u${c.toString(16).padStart(4, '0')}`;
/** The DIGIT class as one regular expression: a native search, fast even before the JIT warms up. */
const ANY_DIGIT = new RegExp(`[${DIGIT_BLOCKS.map((s) => `${hex(s)}-${hex(s + 9)}`).join('')}]`);

/** True when `text` holds a code unit of class DIGIT. */
export function hasDigit(text: string): boolean {
  return ANY_DIGIT.test(text);
}

// Spaces (ASCII, NBSP, the U+2000 family, narrow NBSP, ideographic), soft hyphen, and the
// invisible characters a page can hide inside a number that still shows whole: zero-width space,
// (non-)joiners, left-to-right mark, word joiner and invisible operators, byte order mark,
// Mongolian vowel separator. Not the right-to-left marks, embeddings, overrides or isolates:
// inside a number those change the order its digits are shown in (lookalike.ts judges them).
for (const c of [0x20, 0xa0, 0xad, 0x180e, 0x202f, 0x205f, 0x3000, 0xfeff]) mark(PUNCT | SPACE, c);
mark(PUNCT | SPACE, 0x2000, 0x200e);
mark(PUNCT | SPACE, 0x2060, 0x2064);
// Dashes: hyphen-minus, U+2010..U+2015, minus, katakana prolonged sound mark (used as a dash in
// Japanese), small and full-width hyphen-minus.
for (const c of [0x2d, 0x2212, 0x30fc, 0xfe63, 0xff0d, 0xff70]) mark(PUNCT, c);
mark(PUNCT, 0x2010, 0x2015);
// Dots, slashes, tildes and wave dashes, katakana middle dots, brackets (ASCII and full-width).
for (const c of [0x2e, 0xff0e, 0x2f, 0xff0f, 0x7e, 0x2053, 0x223c, 0xff5e, 0x301c, 0x30fb, 0xff65]) {
  mark(PUNCT, c);
}
for (const c of [0x28, 0x29, 0x5b, 0x5d, 0xff08, 0xff09, 0xff3b, 0xff3d]) mark(PUNCT, c);
for (const c of [0x2b, 0xff0b, 0x28, 0xff08, 0x5b, 0xff3b]) mark(LEAD, c);

mark(LATIN, 0x41, 0x5a);
mark(LATIN, 0x61, 0x7a);
mark(LATIN, 0xaa);
mark(LATIN, 0xba);
mark(LATIN, 0xc0, 0x24f);
CLASS[0xd7] = 0;
CLASS[0xf7] = 0;
mark(LATIN, 0x300, 0x36f);
mark(LATIN, 0x1e00, 0x1eff);
// Full-width Latin letters: Japanese pages write product and order codes with them.
mark(LATIN, 0xff21, 0xff3a);
mark(LATIN, 0xff41, 0xff5a);

for (const c of [0x24, 0x25, 0x58f, 0x60b, 0x9f2, 0x9f3, 0xe3f, 0x17db, 0xfdfc, 0xfe69, 0xfe6a]) {
  mark(MONEY, c);
}
mark(MONEY, 0xa2, 0xa5);
mark(MONEY, 0x20a0, 0x20c0);
for (const c of [0xff04, 0xff05, 0xffe0, 0xffe1, 0xffe5, 0xffe6]) mark(MONEY, c);

/** Value 0-9 of a code unit whose class has DIGIT. */
export function digitValue(c: number): number {
  if (c <= 0x39) return c - 0x30;
  for (let i = DIGIT_BLOCKS.length - 1; i >= 0; i--) {
    const start = DIGIT_BLOCKS[i] ?? 0;
    if (c >= start) return c - start;
  }
  return -1;
}

/**
 * One code unit to its ASCII look-alike: digits to 0-9, full-width ASCII to ASCII, every space
 * to ' ', every dash to '-', tildes to '~', katakana middle dots to '.'. Anything else unchanged.
 */
export function asciiCode(c: number): number {
  if (c < 0x80) return c;
  const cls = CLASS[c] ?? 0;
  if (cls & DIGIT) return 0x30 + digitValue(c);
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0;
  if (cls & SPACE) return 0x20;
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0x30fc || c === 0xfe63 || c === 0xff70)
    return 0x2d;
  if (c === 0x2053 || c === 0x223c || c === 0x301c) return 0x7e;
  if (c === 0x30fb || c === 0xff65) return 0x2e;
  return c;
}

// Character codes of the string being built (one string at the end, not one per character).
const codes: number[] = [];

/** The string of `codes`, in slices small enough to pass as arguments. */
function fromCodes(): string {
  if (codes.length <= 4096) return String.fromCharCode(...codes);
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
}

/** The ASCII look-alike of a string, same length, so offsets carry over unchanged. */
export function toAsciiLookalike(s: string): string {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) < 0x80) i++;
  if (i === s.length) return s;
  codes.length = 0;
  for (i = 0; i < s.length; i++) codes.push(asciiCode(s.charCodeAt(i)));
  return fromCodes();
}

/** ASCII digits of a string (any script's decimal digits), everything else dropped. */
export function digitsOnly(s: string): string {
  codes.length = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((CLASS[c] as number) & DIGIT) codes.push(0x30 + digitValue(c));
  }
  return fromCodes();
}

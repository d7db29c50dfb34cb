/**
 * Vanity numbers: North American numbers with letters for some digits, as printed in ads and on
 * scam pages ("1-800-FLOWERS", "1 (888) GOT-JUNK", "+1 800 MY-APPLE"). Letters stand for keypad
 * digits per ITU-T E.161 (ABC 2, DEF 3, GHI 4, JKL 5, MNO 6, PQRS 7, TUV 8, WXYZ 9).
 *
 * The shape is strict so that words and product codes stay words:
 * - a NANP prefix: "1" or "+1" and a separator, and/or the area code in brackets (a bare area
 *   code, "800-SERIESX", is too much like a model number); the area code starts with 2-9;
 * - then exactly seven keypad characters, at least three of them upper-case letters, single
 *   hyphens or dots between them ("GOT-JUNK");
 * - without a plus sign or brackets, hyphens or dots only ("win 1 800 DOLLARS" is prose);
 * - nothing glued on either side: no letter or digit, and no dot, hyphen, slash, @ or _ followed
 *   by one ("1-800-FLOWERS.com" is a web address).
 * - no O or I next to a digit: those are letters passed off as 0 and 1 ("1-888-555-O1OO",
 *   written to slip past filters), not keypad letters.
 * The scanner (content script) emits the candidate; the validator re-reads it the same way and
 * reports it only when the number it stands for is valid.
 */

import { asciiCode, CLASS, DIGIT, LATIN } from './normalize';

/** The keypad digit (E.161) of an upper-case letter, ASCII or full-width, as a char code; else 0. */
export function keypad(c: number): number {
  if (!(c >= 0x41)) return 0; // also NaN, past the end of the text
  const a = asciiCode(c) - 0x41;
  return a >= 0 && a < 26 ? '22233344455566677778889999'.charCodeAt(a) : 0;
}

// Character tests on text[i], 0 / false outside the text (reading the class table out of bounds
// would slow every later read of it). Module functions, not closures: vanityEnd runs often.
const at = (t: string, i: number): number => (i >= 0 && i < t.length ? asciiCode(t.charCodeAt(i)) : 0);
const cls = (t: string, i: number): number =>
  i >= 0 && i < t.length ? (CLASS[t.charCodeAt(i)] as number) : 0;
const glued = (t: string, i: number): boolean => (cls(t, i) & (DIGIT | LATIN)) !== 0;
const sep = (t: string, i: number): boolean => at(t, i) === 0x2d || at(t, i) === 0x2e;
const isGlue = (t: string, i: number): boolean =>
  sep(t, i) || at(t, i) === 0x2f || at(t, i) === 0x40 || at(t, i) === 0x5f;

/** End of a vanity number starting at `start` (a plus sign, a bracket or the digit 1), or -1. */
export function vanityEnd(t: string, start: number): number {
  if (glued(t, start - 1) || (isGlue(t, start - 1) && glued(t, start - 2))) return -1;
  let i = start;
  const plus = at(t, i) === 0x2b;
  if (plus) i++;
  // "1" and one separator (a space only before a bracket, unless written with a plus sign).
  const one = at(t, i) === 0x31 && !(cls(t, i + 1) & DIGIT);
  if (one) {
    i++;
    if (sep(t, i) || (at(t, i) === 0x20 && (plus || at(t, i + 1) === 0x28))) i++;
  }
  const bracket = at(t, i) === 0x28;
  if (bracket) i++;
  if (!(one || (bracket && !plus))) return -1;
  if (at(t, i) < 0x32 || at(t, i) > 0x39 || !(cls(t, i + 1) & cls(t, i + 2) & DIGIT) || cls(t, i + 3) & DIGIT)
    return -1;
  i += 3;
  if (bracket && at(t, i++) !== 0x29) return -1;
  if (sep(t, i) || (at(t, i) === 0x20 && (plus || bracket))) i++;
  else if (!bracket) return -1;
  let keys = 0;
  let letters = 0;
  for (; keys < 7; i++) {
    if (keypad(t.charCodeAt(i))) {
      // An O or I touching a digit passes for 0 or 1 ("555-O1OO"): a reader dials 0100, the
      // keypad would say 6166. Not a vanity number; the digits beside it are read as they are.
      if ((at(t, i) === 0x4f || at(t, i) === 0x49) && (cls(t, i - 1) | cls(t, i + 1)) & DIGIT) return -1;
      letters++;
    } else if (!(cls(t, i) & DIGIT)) {
      if (keys > 0 && sep(t, i) && (keypad(t.charCodeAt(i + 1)) || cls(t, i + 1) & DIGIT)) continue;
      return -1;
    }
    keys++;
  }
  return letters < 3 || glued(t, i) || (isGlue(t, i) && glued(t, i + 1)) ? -1 : i;
}

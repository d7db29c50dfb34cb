/**
 * Letters passed off as digits: "Call 1-8OO-555-O1OO", "O9O-1234-5678". Spam texts and scam pages
 * write an O for a zero and an I or l for a one to get past filters that look for digits; a
 * reader dials the digits they imitate. Only a lookup (what someone pasted or selected) is read
 * this way: the page scanner, which ships in every page's content script, does not.
 */
import { CLASS, DIGIT, LATIN } from '../normalize';

/** O o Ｏ ｏ read as 0; I l Ｉ ｌ read as 1 (lower-case i has a dot, nobody reads it as 1). */
const LOOKALIKE: Record<string, string> = {
  O: '0',
  o: '0',
  Ｏ: '０',
  ｏ: '０',
  I: '1',
  l: '1',
  Ｉ: '１',
  ｌ: '１',
};

const isDigit = (c: string) => ((CLASS[c.charCodeAt(0)] as number) & DIGIT) !== 0;

/**
 * `text` with the letters that pass for digits replaced by those digits, one code unit for one
 * (offsets carry over), or null when it holds none. A letter counts only inside a word made of
 * digits and such letters alone, with at least one real digit ("8OO", "O1OO"): "ISO", "SKU1O2"
 * and "iPhone" are left as they are.
 */
export function readLettersAsDigits(text: string): string | null {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; ) {
    let j = i;
    let digits = 0;
    let letters = 0;
    for (; j < text.length; j++) {
      const c = text[j] as string;
      if (isDigit(c)) digits++;
      else if (c in LOOKALIKE) letters++;
      else break;
    }
    if (j === i) {
      out += text[i];
      i++;
      continue;
    }
    const word = text.slice(i, j);
    const gluedToLetter =
      (CLASS[text.charCodeAt(j)] ?? 0) & LATIN || (CLASS[text.charCodeAt(i - 1)] ?? 0) & LATIN;
    if (digits > 0 && letters > 0 && !gluedToLetter) {
      out += word.replace(/[OoＯｏIlＩｌ]/g, (c) => LOOKALIKE[c] as string);
      changed = true;
    } else out += word;
    i = j;
  }
  return changed ? out : null;
}

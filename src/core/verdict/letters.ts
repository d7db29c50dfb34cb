/**
 * Letters passed off as digits: "Call 1-8OO-555-O1OO", "O9O-1234-5678". Spam texts and scam pages
 * write an O for a zero and an I or l for a one to get past filters that look for digits; a
 * reader dials the digits they imitate. Only a lookup (what someone pasted or selected) is read
 * this way: the page scanner, which ships in every page's content script, does not.
 */

/** O o Ｏ ｏ read as 0; I l Ｉ ｌ read as 1 (lower-case i has a dot, nobody reads it as 1). */
const AS_DIGIT: Record<string, string> = {
  O: '0',
  o: '0',
  Ｏ: '０',
  ｏ: '０',
  I: '1',
  l: '1',
  Ｉ: '１',
  ｌ: '１',
};
const LETTERS = Object.keys(AS_DIGIT).join('');
const LETTER = new RegExp(`[${LETTERS}]`, 'g');
/** A whole word of digits and such letters: nothing Latin or numeric glued on either side. */
const WORD = new RegExp(
  `(?<![\\p{Script=Latin}\\p{Nd}])[\\p{Nd}${LETTERS}]+(?![\\p{Script=Latin}\\p{Nd}])`,
  'gu',
);
const DIGIT = /\p{Nd}/u;

/**
 * `text` with the letters that pass for digits replaced by those digits, one code unit for one
 * (offsets carry over), or null when it holds none. A letter counts only inside a word made of
 * digits and such letters alone, with at least one real digit ("8OO", "O1OO"): "ISO", "SKU1O2"
 * and "iPhone" are left as they are.
 */
export function readLettersAsDigits(text: string): string | null {
  const read = text.replace(WORD, (word) =>
    DIGIT.test(word) ? word.replace(LETTER, (c) => AS_DIGIT[c] as string) : word,
  );
  return read === text ? null : read;
}

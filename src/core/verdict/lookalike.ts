/**
 * Numbers printed to pass for something they are not. A page can write an official number with
 * another script's digits (Bengali ৪ is a four that reads as an eight; Arabic-Indic and Persian
 * digits read as nothing a Japanese or English reader would dial), glue a digit the scanner does
 * not read to it (a mathematical 𝟒, or a 5 behind a zero-width joiner or in the next element),
 * or reverse it with a bidi override. The scanner still reads such numbers, so a premium-rate
 * number stays dangerous however it is written; but a number whose print is not plain is never
 * vouched for as official (nor as the user's trusted number): what the reader sees may not be
 * what the digits say.
 *
 * Plain: ASCII and full-width digits (they look like what they are), visible separators. Not
 * plain: any other script's decimal digits, invisible format characters (zero-width space,
 * joiners, word joiner, soft hyphen, byte order mark, bidi marks) and combining marks in or
 * touching the number, and a bidi embedding, override or isolate left open before it.
 * Mathematical digits (U+1D7CE…) are not read as digits at all: alone they are no number,
 * glued to one they make it not plain.
 */

/** Digits of any script, outside ASCII and full-width. */
const FOREIGN_DIGIT = /[^0-9\uff10-\uff19]/u;
const DIGIT = /\p{Nd}/u;
/** Invisible format characters (Cf) and combining marks (M). */
const HIDDEN = /[\p{Cf}\p{M}]/u;
/** Characters that reorder text on screen (marks, embeddings, overrides, isolates). */
const BIDI_CONTROL = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/**
 * What must not touch a number: digits the number does not include (any script), hidden
 * characters, and letters that pass for digits (Greek and Cyrillic O, ideographic zero 〇).
 */
const BAD_NEIGHBOUR = /[\p{Nd}\p{Cf}\p{M}\p{Script=Greek}\p{Script=Cyrillic}\u3007]/u;

/** How many places of `raw` in the nearby text are checked for what touches it. */
const MAX_OCCURRENCES = 8;

function codePointBefore(text: string, index: number): string {
  if (index <= 0) return '';
  const low = text.charCodeAt(index - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1;
  return String.fromCodePoint(text.codePointAt(start) ?? 0);
}

function codePointAt(text: string, index: number): string {
  if (index >= text.length) return '';
  return String.fromCodePoint(text.codePointAt(index) ?? 0);
}

/**
 * Are bidi embeddings, overrides or isolates opened before `index` in `text` and not yet closed
 * there? Then whatever stands at `index` may be shown reordered.
 */
function insideBidiRun(text: string, index: number): boolean {
  let open = 0;
  for (let i = 0; i < index; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x202a && c <= 0x202e && c !== 0x202c) || (c >= 0x2066 && c <= 0x2068)) open++;
    else if ((c === 0x202c || c === 0x2069) && open > 0) open--;
  }
  return open > 0;
}

/**
 * True when `raw` (a number as printed) is not plainly printed: another script's digits or
 * hidden characters inside it; a digit, hidden character or digit-like letter touching it in
 * `nearby` (the text around it, which may span the next element); or a bidi embedding,
 * override or isolate still open where it stands in `nearby`.
 */
export function printedToDeceive(raw: string, nearby = ''): boolean {
  if (!raw) return false;
  for (const ch of raw) {
    if (HIDDEN.test(ch)) return true;
    if (DIGIT.test(ch) && FOREIGN_DIGIT.test(ch)) return true;
  }
  if (!nearby) return false;
  const bidi = BIDI_CONTROL.test(nearby);
  let at = nearby.indexOf(raw);
  // Not found (the text around it was cut short): any bidi control nearby is reason enough.
  if (at < 0) return bidi;
  for (let n = 0; at >= 0 && n < MAX_OCCURRENCES; n++, at = nearby.indexOf(raw, at + 1)) {
    if (BAD_NEIGHBOUR.test(codePointBefore(nearby, at))) return true;
    if (BAD_NEIGHBOUR.test(codePointAt(nearby, at + raw.length))) return true;
    if (bidi && insideBidiRun(nearby, at)) return true;
  }
  return false;
}

/**
 * Candidate scanner: finds phone-number-shaped runs in page text. It ships in the content
 * script of every page, so it imports no metadata and allocates nothing per character: a
 * hand-written loop over UTF-16 code units with one table read per unit (see normalize.ts).
 *
 * A run is what libphonenumber's matcher would consider: up to two opening characters (+, (, [),
 * then digit groups separated by at most four separators, then an optional extension. The
 * scanner then throws away what is obviously not a phone number (dates, times, prices, postal
 * codes, IP addresses, versions, ISBNs, labelled order/tracking numbers, codes glued to Latin
 * letters, digit blocks longer than 17) and leaves everything phone-shaped, valid or not, to the
 * validator: scam pages print malformed numbers on purpose.
 *
 * Extensions ("ext. 123", "x123", "#123", "内線123") are part of `raw` (the mark covers what the
 * page prints) but not of `digits` (E.164 has no extension). North American vanity numbers
 * ("1-800-FLOWERS", scanner-vanity.ts) keep their letters in `raw`; `digits` has the keypad
 * digits.
 */

import { asciiCode, CLASS, DIGIT, digitValue, hasDigit, LATIN, LEAD, MONEY, PUNCT, SPACE } from './normalize';
import { hasNonPhoneLabel, isGluedPhoneLabel, isGluedPhoneLabelAfter } from './scanner-context';
import { keypad, vanityEnd } from './scanner-vanity';

/**
 * A phone-shaped run. Usually one number; numbers listed with only a space between them get one
 * candidate each, but other lists ("415-666-7777 - 800-443-1223") stay one candidate: the
 * validator's matchCandidate returns every number inside.
 */
export interface Candidate {
  /** UTF-16 offsets into the scanned text; raw === text.slice(start, end). */
  start: number;
  end: number;
  raw: string;
  /**
   * ASCII digits without the extension, with a leading '+' when written internationally
   * ('+', or the 00 / 010 / 011 dialling prefixes). A region-free hint: the validator re-reads
   * `raw` with the page's region.
   */
  digits: string;
}

/** Fewest digits a candidate may have (the shortest valid numbers in the test suites have 7). */
export const MIN_DIGITS = 6;
/** No national number is longer than 17 digits: a longer block is an id, a hash or a counter. */
const MAX_BLOCK_DIGITS = 17;
const MAX_PUNCT = 4;
const MAX_GROUPS = 24;

// Group boundaries of the run being examined, reused so the scanner allocates nothing per run.
const groupStart = new Int32Array(MAX_GROUPS);
const groupEnd = new Int32Array(MAX_GROUPS);

const cls = (text: string, i: number): number => CLASS[text.charCodeAt(i)] as number;

/** All candidates in `text`, in order, never overlapping. */
export function findCandidates(text: string): Candidate[] {
  // Every candidate has digits, and most text nodes of a page have none: one native search
  // answers for them, where the loop below runs in the interpreter on a page's first nodes.
  if (!hasDigit(text)) return [];
  return scanCandidates(text, MIN_DIGITS);
}

/** Set for one scan: keep digits glued to letters (libphonenumber's POSSIBLE leniency does). */
let keepGlued = false;
/** Set for one scan: fill Candidate.digits (the validator re-reads `raw` and does not need them). */
let wantDigits = true;

/**
 * Same as findCandidates with another digit minimum; `rejected` collects where runs were thrown
 * away. The validator uses both to count failed tries the way libphonenumber does when a caller
 * sets `maxTries`. `glued` keeps digits glued to Latin letters (for the POSSIBLE leniency).
 * With `digits` false, Candidate.digits is left empty (the validator re-reads `raw`).
 */
export function scanCandidates(
  text: string,
  minDigits: number,
  rejected?: number[],
  glued = false,
  digits = true,
): Candidate[] {
  keepGlued = glued;
  wantDigits = digits;
  const out: Candidate[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    // Fast path: most text cannot start a number.
    while (i < n && (cls(text, i) & (DIGIT | LEAD)) === 0) i++;
    if (i >= n) break;
    const start = i;
    let j = i;
    for (let leads = 0; leads < 2 && j < n && (cls(text, j) & LEAD) !== 0; leads++) {
      j++;
      for (let p = 0; p < MAX_PUNCT && j < n && (cls(text, j) & PUNCT) !== 0; p++) j++;
    }
    if (j >= n || (cls(text, j) & DIGIT) === 0) {
      i = start + 1;
      continue;
    }
    let groups = 0;
    let k = j;
    for (;;) {
      const gs = k;
      while (k < n && (cls(text, k) & DIGIT) !== 0) k++;
      groupStart[groups] = gs;
      groupEnd[groups] = k;
      groups++;
      if (groups === MAX_GROUPS) break;
      let q = k;
      let p = 0;
      while (q < n && p <= MAX_PUNCT && (cls(text, q) & PUNCT) !== 0) {
        q++;
        p++;
      }
      if (p > MAX_PUNCT || q >= n || (cls(text, q) & DIGIT) === 0) break;
      k = q;
    }
    const vanity = examineVanity(text, start, groups, minDigits, out, rejected);
    i = vanity >= 0 ? vanity : examineRun(text, start, groups, minDigits, out, rejected);
  }
  return out;
}

/**
 * A vanity number (1-800-FLOWERS, see scanner-vanity.ts) that starts at one of the run's last
 * groups, when an upper-case letter follows the run: the groups before it are examined as a run
 * of their own. Returns where scanning resumes, or -1 when the run holds no vanity number.
 */
function examineVanity(
  text: string,
  start: number,
  groups: number,
  minDigits: number,
  out: Candidate[],
  rejected: number[] | undefined,
): number {
  let k = groupEnd[groups - 1] as number;
  for (let s = 0; s < 2 && k < text.length && cls(text, k) & PUNCT; s++) k++;
  if (k >= text.length || !keypad(text.charCodeAt(k))) return -1;
  for (let g = Math.max(0, groups - 5); g < groups; g++) {
    let p = g === 0 ? start : (groupStart[g] as number);
    while (g > 0 && p > start && (groupStart[g] as number) - p < 2 && cls(text, p - 1) & LEAD) p--;
    // It starts with a plus sign, a bracket or the digit 1.
    const a = asciiCode(text.charCodeAt(p));
    const end = a === 0x2b || a === 0x28 || a === 0x31 ? vanityEnd(text, p) : -1;
    if (end < 0) continue;
    const before = out.length;
    if (g > 0 && examineRun(text, start, g, minDigits, out, rejected) > p) {
      out.length = before;
      return -1;
    }
    let digits = wantDigits && a === 0x2b ? '+' : '';
    for (let c = p; wantDigits && c < end; c++) {
      const d =
        keypad(text.charCodeAt(c)) || (cls(text, c) & DIGIT ? 0x30 + digitValue(text.charCodeAt(c)) : 0);
      if (d) digits += String.fromCharCode(d);
    }
    out.push({ start: p, end, raw: text.slice(p, end), digits });
    return end;
  }
  return -1;
}

/** Checks one run, pushes at most one candidate, returns where scanning resumes. */
function examineRun(
  text: string,
  start: number,
  groups: number,
  minDigits: number,
  out: Candidate[],
  rejected: number[] | undefined,
): number {
  const n = text.length;
  const runEnd = groupEnd[groups - 1] as number;
  let digitCount = 0;
  for (let g = 0; g < groups; g++) {
    const len = (groupEnd[g] as number) - (groupStart[g] as number);
    if (len > MAX_BLOCK_DIGITS) {
      rejected?.push(start);
      return skipGlued(text, runEnd);
    }
    digitCount += len;
  }
  // Most runs in page text are short numbers (days, counts, prices): leave them at once.
  if (digitCount < minDigits) {
    rejected?.push(start);
    return runEnd;
  }
  let extEnd = digitCount >= MIN_DIGITS ? extensionEnd(text, runEnd) : -1;
  // An extension glued to letters is not one (x123abc): drop it, keep the number.
  if (extEnd > 0 && extEnd < n && cls(text, extEnd) & LATIN && !keepGlued) extEnd = -1;
  const end = extEnd > 0 ? extEnd : runEnd;
  const hasLead = start < (groupStart[0] as number);

  // Edge groups that belong to something else are cut off: digits glued to Latin letters
  // (abc123, 12px, v1.2.3, hashes), amounts ($20, 800円), times (10:30), counts (第3). A run
  // that is all foreign yields nothing: "(24h" after a number does not spoil the number.
  let first = 0;
  let last = groups - 1;
  if (!hasLead && isAcronymCode(text, start)) {
    rejected?.push(start);
    return skipGlued(text, end);
  }
  if (!hasLead && start > 0 && leadingGroupIsForeign(text, start)) {
    first = 1;
    // A dotted chain glued to letters is a version or an identifier (v1.2.3, ver2.10.4): cut it all.
    if (cls(text, start - 1) & LATIN) while (first < groups && gap(text, first - 1) === 0x2e) first++;
  }
  if (first >= groups) {
    rejected?.push(start);
    return skipGlued(text, end);
  }
  if (extEnd < 0 && trailingGroupIsForeign(text, runEnd)) last--;
  // A date written next to a number ("2026-11-27 0120-123-456") is cut off too, when what
  // remains is number-sized ("2012-01-02 08" stays whole, as libphonenumber reads it).
  if (first === 0 && !hasLead && first + 3 <= last && isDateTriple(text, first)) {
    if (gap(text, first + 2) !== gap(text, first) && digitsIn(first + 3, last) >= MIN_DIGITS) first += 3;
  }
  if (extEnd < 0 && last - 3 >= first && isDateTriple(text, last - 2)) {
    if (gap(text, last - 3) !== gap(text, last - 2) && digitsIn(first, last - 3) >= MIN_DIGITS) last -= 3;
  }
  if (first > last) {
    rejected?.push(start);
    return skipGlued(text, end);
  }

  let segStart = groupStart[first] as number;
  if (first === 0) segStart = start;
  else {
    // Keep an opening bracket or plus sign that follows the cut group: "$20 (415) 666-7777".
    for (let c = groupEnd[0] as number; c < segStart; c++) {
      if (cls(text, c) & LEAD) {
        segStart = c;
        break;
      }
    }
  }
  const segEnd = last === groups - 1 ? end : (groupEnd[last] as number);
  segStart = skipUnclosedBrackets(text, segStart, segEnd, groupStart[first] as number);

  let kept = 0;
  for (let g = first; g <= last; g++) kept += (groupEnd[g] as number) - (groupStart[g] as number);
  if (
    kept < minDigits ||
    looksLikeDateOrCode(text, first, last, segStart) ||
    hasNonPhoneLabel(text, segStart)
  ) {
    rejected?.push(segStart);
    return end;
  }

  // Numbers listed with only a space between them ("0120-111-222 0120-333-444") become one
  // candidate each, so that each gets its own mark; the validator still splits other lists.
  let pieceStart = segStart;
  let pieceFirst = first;
  for (let g = first; g < last; g++) {
    if (!isListBoundary(text, pieceFirst, g, last)) continue;
    emit(text, pieceStart, groupEnd[g] as number, pieceFirst, g, out);
    pieceFirst = g + 1;
    pieceStart = groupStart[g + 1] as number;
    for (let c = groupEnd[g] as number; c < pieceStart; c++) {
      if (cls(text, c) & LEAD) {
        pieceStart = c;
        break;
      }
    }
  }
  emit(text, pieceStart, segEnd, pieceFirst, last, out);
  return end;
}

/**
 * Is the space after group g the end of one complete national or international number and the
 * start of another? Conservative: the piece so far starts with 0 or + and has 10+ digits, the
 * next starts with 0 or + and what follows is number-sized.
 */
function isListBoundary(text: string, pieceFirst: number, g: number, last: number): boolean {
  const gapStart = groupEnd[g] as number;
  const next = groupStart[g + 1] as number;
  let nextLead = false;
  for (let c = gapStart; c < next; c++) {
    const k = cls(text, c);
    if (k & LEAD) nextLead = true;
    else if (!(k & SPACE)) return false;
  }
  if (digitsIn(pieceFirst, g) < 10 || digitsIn(g + 1, last) < MIN_DIGITS) return false;
  const pieceOpen = groupStart[pieceFirst] as number;
  const startsWell = digitValue(text.charCodeAt(pieceOpen)) === 0 || hasPlusBefore(text, pieceOpen);
  return startsWell && (nextLead || digitValue(text.charCodeAt(next)) === 0);
}

function hasPlusBefore(text: string, firstDigit: number): boolean {
  for (let c = firstDigit - 1; c >= 0 && firstDigit - c <= 6; c--) {
    const code = text.charCodeAt(c);
    if (code === 0x2b || code === 0xff0b) return true;
    if (!(cls(text, c) & PUNCT)) return false;
  }
  return false;
}

function emit(text: string, start: number, end: number, first: number, last: number, out: Candidate[]): void {
  if (!wantDigits) {
    out.push({ start, end, raw: text.slice(start, end), digits: '' });
    return;
  }
  let digits = '';
  for (let g = first; g <= last; g++)
    digits += asciiDigits(text, groupStart[g] as number, groupEnd[g] as number);
  let plus = false;
  for (let c = start; c < (groupStart[first] as number); c++) {
    const code = text.charCodeAt(c);
    if (code === 0x2b || code === 0xff0b) plus = true;
  }
  out.push({ start, end, raw: text.slice(start, end), digits: withPlus(digits, plus) });
}

/** ASCII digits of text[from, to), a slice when they already are ASCII (the common case). */
function asciiDigits(text: string, from: number, to: number): string {
  let ascii = true;
  for (let c = from; c < to; c++) if (text.charCodeAt(c) > 0x39) ascii = false;
  if (ascii) return text.slice(from, to);
  let s = '';
  for (let c = from; c < to; c++) s += String.fromCharCode(0x30 + digitValue(text.charCodeAt(c)));
  return s;
}

/** '+' for numbers written internationally; 00, 010 (Japan) and 011 (NANP) dial out. */
function withPlus(digits: string, plus: boolean): string {
  if (plus) return `+${digits}`;
  if (digits.startsWith('00') && !digits.startsWith('000') && digits.length >= 10)
    return `+${digits.slice(2)}`;
  // A Sapporo number (011-xxx-xxxx) has 10 digits; 011/010 + country code + number has 12 or more.
  if ((digits.startsWith('010') || digits.startsWith('011')) && digits.length >= 12)
    return `+${digits.slice(3)}`;
  return digits;
}

/**
 * An opening bracket that is never closed is page punctuation, not part of the number:
 * "（0120-248995）" yields "0120-248995", while "(03) 1234-5678" keeps its bracket.
 */
function skipUnclosedBrackets(text: string, segStart: number, segEnd: number, firstDigit: number): number {
  let open = 0;
  let close = 0;
  for (let c = segStart; c < segEnd; c++) {
    const code = text.charCodeAt(c);
    if (code === 0x28 || code === 0xff08 || code === 0x5b || code === 0xff3b) open++;
    else if (code === 0x29 || code === 0xff09 || code === 0x5d || code === 0xff3d) close++;
  }
  if (open <= close) return segStart;
  for (let c = segStart; c < firstDigit; c++) {
    const code = text.charCodeAt(c);
    if (code === 0x2b || code === 0xff0b) return c;
  }
  return firstDigit;
}

/** Skips the rest of a rejected run and the letters glued to it. */
function skipGlued(text: string, end: number): number {
  let i = end;
  while (i < text.length && cls(text, i) & (LATIN | DIGIT)) i++;
  return i;
}

function isDigitAt(text: string, i: number): boolean {
  return i >= 0 && i < text.length && (cls(text, i) & DIGIT) !== 0;
}

const isUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a;

/** CVE-2026-12345, ISO-8859-1, SHA-256, RFC-3966: an upper-case code, a hyphen, the digits. */
function isAcronymCode(text: string, start: number): boolean {
  if (start < 3) return false;
  const dash = text.charCodeAt(start - 1);
  if (dash !== 0x2d && dash !== 0x2010 && dash !== 0x2011) return false;
  if (!isUpper(text.charCodeAt(start - 2)) || !isUpper(text.charCodeAt(start - 3))) return false;
  return !isGluedPhoneLabel(text, start - 1);
}

/** Is the first group glued to letters (abc123), an amount ($20), a time (10:30), an ordinal (第3)? */
function leadingGroupIsForeign(text: string, start: number): boolean {
  const prev = text.charCodeAt(start - 1);
  const c = cls(text, start - 1);
  if (c & MONEY) return !keepGlued;
  if (c & LATIN) return !keepGlued && !isGluedPhoneLabel(text, start);
  if ((prev === 0x3a || prev === 0xff1a) && isDigitAt(text, start - 2)) return true;
  const len = (groupEnd[0] as number) - start;
  if ((prev === 0x2c || prev === 0xff0c) && isDigitAt(text, start - 2) && len === 3) return true;
  // '#' and '第' number things (#1234567, 第1234567号); '№' too.
  return prev === 0x23 || prev === 0xff03 || prev === 0x7b2c || prev === 0x2116;
}

/** Units and counters written right after a number in Japanese and Chinese. */
const CJK_UNITS = '年月日時分秒円万億件人個歳回号番丁枚名階度倍本台点冊週元';

/** Is the last group glued to letters (123abc), an amount (800円, 12%), a time, thousands (12,800)? */
function trailingGroupIsForeign(text: string, runEnd: number): boolean {
  const n = text.length;
  if (runEnd >= n) return false;
  const next = text.charCodeAt(runEnd);
  const c = cls(text, runEnd);
  if (c & MONEY) return !keepGlued;
  if (c & LATIN) return !keepGlued && !isGluedPhoneLabelAfter(text, runEnd);
  if ((next === 0x3a || next === 0xff1a) && isDigitAt(text, runEnd + 1)) return true;
  if (next === 0x2c || next === 0xff0c) {
    let k = runEnd + 1;
    while (isDigitAt(text, k)) k++;
    if (k - runEnd - 1 === 3) return true;
  }
  return CJK_UNITS.includes(text.charAt(runEnd));
}

/** The separator between group g and g + 1 when it is a single character, else 0. */
function gap(text: string, g: number): number {
  const a = groupEnd[g] as number;
  const b = groupStart[g + 1] as number;
  if (b - a !== 1) return 0;
  const c = text.charCodeAt(a);
  if (c === 0xff0d || c === 0x2010 || c === 0x2011 || c === 0x2212) return 0x2d;
  if (c === 0xff0f) return 0x2f;
  if (c === 0xff0e) return 0x2e;
  return c;
}

function groupValue(text: string, g: number): number {
  let v = 0;
  for (let c = groupStart[g] as number; c < (groupEnd[g] as number); c++)
    v = v * 10 + digitValue(text.charCodeAt(c));
  return v;
}

function digitsIn(from: number, to: number): number {
  let n = 0;
  for (let g = from; g <= to; g++) n += groupLength(g);
  return n;
}

function groupLength(g: number): number {
  return (groupEnd[g] as number) - (groupStart[g] as number);
}

const isYear = (len: number, v: number): boolean => len === 4 && v >= 1900 && v <= 2099;
const isMonth = (len: number, v: number): boolean => len <= 2 && v >= 1 && v <= 12;
const isDay = (len: number, v: number): boolean => len <= 2 && v >= 1 && v <= 31;

/** Groups g..g+2 written as a date with one separator: 2026-11-27, 27.11.2026, 11/27/2026. */
function isDateTriple(text: string, g: number): boolean {
  const s1 = gap(text, g);
  if (s1 !== gap(text, g + 1) || (s1 !== 0x2d && s1 !== 0x2f && s1 !== 0x2e)) return false;
  const l0 = groupLength(g);
  const l1 = groupLength(g + 1);
  const l2 = groupLength(g + 2);
  // Lengths first (4-2-2 or 2-2-4 at most): values only for the few runs shaped like dates.
  if (l1 > 2 || !((l0 === 4 && l2 <= 2) || (l0 <= 2 && l2 === 4))) return false;
  const v0 = groupValue(text, g);
  const v1 = groupValue(text, g + 1);
  const v2 = groupValue(text, g + 2);
  if (isYear(l0, v0) && isMonth(l1, v1) && isDay(l2, v2)) return true;
  return isYear(l2, v2) && ((isDay(l0, v0) && isMonth(l1, v1)) || (isMonth(l0, v0) && isDay(l1, v1)));
}

/** Dates, IPv4 addresses, version strings and ISBN-13s among groups first..last. */
function looksLikeDateOrCode(text: string, first: number, last: number, segStart: number): boolean {
  const count = last - first + 1;
  // Slash dates anywhere in the run, as libphonenumber skips them: 06/21/84, 2026/11/27.
  for (let g = first; g + 2 <= last; g++) {
    if (gap(text, g) === 0x2f && gap(text, g + 1) === 0x2f) {
      const mid = groupLength(g + 1);
      const midFirst = digitValue(text.charCodeAt(groupStart[g + 1] as number));
      if ((mid === 1 || (mid === 2 && midFirst <= 3)) && groupLength(g + 2) >= 2) return true;
    }
  }
  const hasLead = segStart < (groupStart[first] as number);
  if (!hasLead && count === 3 && isDateTriple(text, first)) return true;
  if (!hasLead && count === 2) {
    const s1 = gap(text, first);
    if (s1 === 0x2d || s1 === 0x2f || s1 === 0x2e) {
      return (
        isYear(groupLength(first), groupValue(text, first)) &&
        isMonth(groupLength(last), groupValue(text, last))
      );
    }
  }
  let dots = 0;
  for (let g = first; g < last; g++) if (gap(text, g) === 0x2e) dots++;
  // IPv4 anywhere in the run: a chain of exactly four dotted groups of at most 255 (not the
  // 2-2-2-2 shape of French numbers written with dots).
  for (let g = first; dots >= 3 && g + 3 <= last; g++) {
    if (g > first && gap(text, g - 1) === 0x2e) continue;
    if (gap(text, g) !== 0x2e || gap(text, g + 1) !== 0x2e || gap(text, g + 2) !== 0x2e) continue;
    if (g + 3 < last && gap(text, g + 3) === 0x2e) continue;
    let ip = true;
    let allTwo = true;
    for (let h = g; h <= g + 3; h++) {
      if (groupLength(h) > 3 || groupValue(text, h) > 255) ip = false;
      if (groupLength(h) !== 2) allTwo = false;
    }
    if (ip && !allTwo) return true;
  }
  if (dots === count - 1 && count >= 3) {
    // Versions start with a one-digit major (1.2.3, 4.0.30319); numbers start with 0 or are
    // longer, but for the North American 1.315.724.4022 (how banks print collect lines).
    const nanp =
      count === 4 &&
      groupLength(first + 1) === 3 &&
      groupLength(first + 2) === 3 &&
      groupLength(last) === 4 &&
      groupValue(text, first) === 1;
    if (groupLength(first) === 1 && groupValue(text, first) !== 0 && !hasLead && !nanp) return true;
  }
  if (!hasLead) {
    let total = 0;
    for (let g = first; g <= last; g++) total += groupLength(g);
    if (total === 13 && isIsbn13(text, first, last)) return true;
  }
  return false;
}

function isIsbn13(text: string, first: number, last: number): boolean {
  let sum = 0;
  let idx = 0;
  let prefix = 0;
  for (let g = first; g <= last; g++) {
    for (let c = groupStart[g] as number; c < (groupEnd[g] as number); c++) {
      const d = digitValue(text.charCodeAt(c));
      if (idx < 3) prefix = prefix * 10 + d;
      sum += idx % 2 === 0 ? d : 3 * d;
      idx++;
    }
  }
  return (prefix === 978 || prefix === 979) && sum % 10 === 0;
}

/**
 * End of an extension that starts at `p` (just after the last digit), or -1. Accepts what
 * libphonenumber accepts for matching plus Japanese 内線: "ext. 123", "x123", "#12", "内線123".
 */
function extensionEnd(text: string, p: number): number {
  const n = text.length;
  let k = p;
  for (let s = 0; s < 3 && k < n && (cls(text, k) & SPACE || text.charCodeAt(k) === 0x2c); s++) k++;
  if (k >= n) return -1;
  let maxDigits = 9;
  let bracket = false;
  let c = text.charCodeAt(k);
  if ((c === 0x28 || c === 0xff08) && text.charCodeAt(k + 1) === 0x5185) {
    bracket = true;
    k++;
    c = 0x5185;
  }
  if (c === 0x5185 && text.charCodeAt(k + 1) === 0x7dda) {
    k += 2;
    maxDigits = 20;
  } else if (c === 0x23 || c === 0xff03) {
    k++;
  } else {
    let word = '';
    while (k < n && word.length < 10) {
      let a = text.charCodeAt(k);
      if (a >= 0xff21 && a <= 0xff5a) a -= 0xfee0;
      if ((a >= 0x41 && a <= 0x5a) || (a >= 0x61 && a <= 0x7a) || (a >= 0x430 && a <= 0x44f)) {
        word += String.fromCharCode(a | 0x20);
        k++;
      } else break;
    }
    if (word === 'ext' || word === 'extn' || word === 'extension' || word === 'anexo' || word === 'доб') {
      maxDigits = 20;
    } else if (word !== 'x' && word !== 'int') return -1;
  }
  if (k < n) {
    const a = text.charCodeAt(k);
    if (a === 0x3a || a === 0x2e || a === 0xff1a || a === 0xff0e) k++;
  }
  for (let s = 0; s < 3 && k < n && (cls(text, k) & SPACE || text.charCodeAt(k) === 0x2d); s++) k++;
  const digitsStart = k;
  while (k < n && cls(text, k) & DIGIT) k++;
  const count = k - digitsStart;
  if (count === 0 || count > maxDigits) return -1;
  if (k < n && (text.charCodeAt(k) === 0x23 || text.charCodeAt(k) === 0xff03)) k++;
  if (bracket && k < n && (text.charCodeAt(k) === 0x29 || text.charCodeAt(k) === 0xff09)) k++;
  if (k < n && cls(text, k) & (keepGlued ? DIGIT : LATIN | DIGIT)) return -1;
  return k;
}

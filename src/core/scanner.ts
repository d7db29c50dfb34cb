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
 * page prints) but not of `digits` (E.164 has no extension).
 */

import { CLASS, DIGIT, digitValue, LATIN, LEAD, MONEY, PUNCT, SPACE } from './normalize';
import { hasNonPhoneLabel, isGluedPhoneLabel, isGluedPhoneLabelAfter } from './scanner-context';

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
  return scanCandidates(text, MIN_DIGITS);
}

/**
 * Same as findCandidates with another digit minimum. The validator uses 1 to count tries the
 * way libphonenumber does when a caller sets `maxTries`.
 */
export function scanCandidates(text: string, minDigits: number): Candidate[] {
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
    i = examineRun(text, start, groups, minDigits, out);
  }
  return out;
}

/** Checks one run, pushes at most one candidate, returns where scanning resumes. */
function examineRun(text: string, start: number, groups: number, minDigits: number, out: Candidate[]): number {
  const n = text.length;
  const runEnd = groupEnd[groups - 1] as number;
  let digitCount = 0;
  for (let g = 0; g < groups; g++) {
    const len = (groupEnd[g] as number) - (groupStart[g] as number);
    if (len > MAX_BLOCK_DIGITS) return skipGlued(text, runEnd);
    digitCount += len;
  }
  const extEnd = digitCount >= MIN_DIGITS ? extensionEnd(text, runEnd) : -1;
  const end = extEnd > 0 ? extEnd : runEnd;
  const hasLead = start < (groupStart[0] as number);

  // Digits glued to Latin letters are codes, hashes, versions, units (abc123, 12px, v1.2.3).
  if (!hasLead && start > 0 && cls(text, start - 1) & LATIN && !isGluedPhoneLabel(text, start)) {
    return skipGlued(text, end);
  }
  if (end < n && cls(text, end) & LATIN && !isGluedPhoneLabelAfter(text, end)) return skipGlued(text, end);

  // Edge groups that belong to something else (an amount, a time, a count) are cut off.
  let first = 0;
  let last = groups - 1;
  if (!hasLead && start > 0 && leadingGroupIsForeign(text, start)) first = 1;
  if (extEnd < 0 && last >= first && trailingGroupIsForeign(text, runEnd)) last--;
  if (first > last) return end;

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

  let kept = 0;
  for (let g = first; g <= last; g++) kept += (groupEnd[g] as number) - (groupStart[g] as number);
  if (kept < minDigits) return end;
  if (hasNonPhoneLabel(text, segStart)) return end;
  if (looksLikeDateOrCode(text, first, last, segStart)) return end;

  let digits = '';
  for (let g = first; g <= last; g++) {
    for (let c = groupStart[g] as number; c < (groupEnd[g] as number); c++) {
      digits += String.fromCharCode(0x30 + digitValue(text.charCodeAt(c)));
    }
  }
  let plus = false;
  for (let c = segStart; c < (groupStart[first] as number); c++) {
    const code = text.charCodeAt(c);
    if (code === 0x2b || code === 0xff0b) plus = true;
  }
  out.push({ start: segStart, end: segEnd, raw: text.slice(segStart, segEnd), digits: withPlus(digits, plus) });
  return end;
}

/** '+' for numbers written internationally; 00, 010 (Japan) and 011 (NANP) dial out. */
function withPlus(digits: string, plus: boolean): string {
  if (plus) return `+${digits}`;
  if (digits.startsWith('00') && !digits.startsWith('000') && digits.length >= 10) return `+${digits.slice(2)}`;
  // A Sapporo number (011-xxx-xxxx) has 10 digits; 011/010 + country code + number has 12 or more.
  if ((digits.startsWith('010') || digits.startsWith('011')) && digits.length >= 12) return `+${digits.slice(3)}`;
  return digits;
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

/** Is the first group an amount ($20, ¥1,200), a time (10:30) or an ordinal (第12345)? */
function leadingGroupIsForeign(text: string, start: number): boolean {
  const prev = text.charCodeAt(start - 1);
  if (cls(text, start - 1) & MONEY) return true;
  if ((prev === 0x3a || prev === 0xff1a) && isDigitAt(text, start - 2)) return true;
  const len = (groupEnd[0] as number) - start;
  if ((prev === 0x2c || prev === 0xff0c) && isDigitAt(text, start - 2) && len === 3) return true;
  // '#' and '第' number things (#1234567, 第1234567号); '№' too.
  return prev === 0x23 || prev === 0xff03 || prev === 0x7b2c || prev === 0x2116;
}

/** Units and counters written right after a number in Japanese and Chinese. */
const CJK_UNITS = '年月日時分秒円万億件人個歳回号番丁枚名階度倍本台点冊週元';

/** Is the last group an amount (800円, 100$, 12%), a time (10:30) or thousands (12,800)? */
function trailingGroupIsForeign(text: string, runEnd: number): boolean {
  const n = text.length;
  if (runEnd >= n) return false;
  const next = text.charCodeAt(runEnd);
  if (cls(text, runEnd) & MONEY) return true;
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
  for (let c = groupStart[g] as number; c < (groupEnd[g] as number); c++) v = v * 10 + digitValue(text.charCodeAt(c));
  return v;
}

function groupLength(g: number): number {
  return (groupEnd[g] as number) - (groupStart[g] as number);
}

const isYear = (len: number, v: number): boolean => len === 4 && v >= 1900 && v <= 2099;
const isMonth = (len: number, v: number): boolean => len <= 2 && v >= 1 && v <= 12;
const isDay = (len: number, v: number): boolean => len <= 2 && v >= 1 && v <= 31;

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
  if (!hasLead && (count === 3 || count === 2)) {
    const s1 = gap(text, first);
    const s2 = count === 3 ? gap(text, first + 1) : s1;
    if (s1 === s2 && (s1 === 0x2d || s1 === 0x2f || s1 === 0x2e)) {
      const l0 = groupLength(first);
      const l1 = groupLength(first + 1);
      const v0 = groupValue(text, first);
      const v1 = groupValue(text, first + 1);
      if (count === 2) return isYear(l0, v0) && isMonth(l1, v1);
      const l2 = groupLength(last);
      const v2 = groupValue(text, last);
      if (isYear(l0, v0) && isMonth(l1, v1) && isDay(l2, v2)) return true;
      if (isYear(l2, v2) && ((isDay(l0, v0) && isMonth(l1, v1)) || (isMonth(l0, v0) && isDay(l1, v1)))) return true;
    }
  }
  let dots = 0;
  for (let g = first; g < last; g++) if (gap(text, g) === 0x2e) dots++;
  if (dots === count - 1 && count >= 3) {
    // IPv4: four groups of at most three digits, each at most 255.
    if (count === 4) {
      let ip = true;
      for (let g = first; g <= last; g++) if (groupLength(g) > 3 || groupValue(text, g) > 255) ip = false;
      if (ip) return true;
    }
    // Versions start with a one-digit major (1.2.3, 4.0.30319); numbers start with 0 or are longer.
    if (groupLength(first) === 1 && groupValue(text, first) !== 0 && !hasLead) return true;
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
  if (k < n && cls(text, k) & (LATIN | DIGIT)) return -1;
  return k;
}

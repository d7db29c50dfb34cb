/**
 * Deciding which part of a scanned run is a phone number, the way libphonenumber's
 * PhoneNumberMatcher does (our own implementation of its published algorithm): try the whole
 * run, then "inner matches" split at slashes, brackets, spaced hyphens, dots and spaces; check
 * the leniency (possible, valid, grouping); resume after each match.
 */

import { CLASS, LATIN, MONEY, toAsciiLookalike } from './normalize';
import { nationalPrefixOf, nationalPrefixPresentIfRequired, type Parsed, parseNumber } from './phone-parse';
import { isGluedPhoneLabel, isGluedPhoneLabelAfter } from './scanner-context';

export type Leniency = 'POSSIBLE' | 'VALID' | 'STRICT_GROUPING' | 'EXACT_GROUPING';
const RANK: Record<Leniency, number> = { POSSIBLE: 0, VALID: 1, STRICT_GROUPING: 2, EXACT_GROUPING: 3 };

export interface Found {
  start: number;
  end: number;
  parsed: Parsed;
}

export interface MatchContext {
  text: string;
  region: string | undefined;
  leniency: Leniency;
  /** Failed attempts left before giving up (libphonenumber's maxTries). */
  tries: number;
  /** Parses spent on the current run; bounded so that no run costs more than a constant. */
  spent?: number;
}

/** Most parses one extraction may cost: bounds the work per run on hostile text (the peer suites need 16). */
const MAX_PARSES_PER_RUN = 16;

const SECOND_NUMBER_START = /[\\/] *x/;
const SLASH_SEPARATED_DATES = /(?:(?:[0-3]?\d\/[01]?\d)|(?:[01]?\d\/[0-3]?\d))\/(?:[12]\d)?\d{2}/;
const TIME_STAMP = /[12]\d{3}[-/]?[01]\d[-/]?[0-3]\d +[0-2]\d$/;
const TIME_STAMP_SUFFIX = /^:[0-5]\d/;
// "12-15 (2009": a page reference, not a number.
const PUB_PAGES = /\d{1,5}-+\d{1,5}\s{0,4}\(\d{1,4}/;
const MATCHING_BRACKETS = /^(?:[([])?(?:[^()[\]]+[)\]])?[^()[\]]+(?:[([][^()[\]]+[)\]]){0,3}[^()[\]]*$/;
const INNER_MATCHES = [
  /[/／]+(.*)/gu,
  /([(（][^(（]*)/gu,
  /(?:\p{Z}-|-\p{Z})\p{Z}*(.+)/gu,
  /[\u2012-\u2015\uFF0D]\p{Z}*(.+)/gu,
  /\.+\p{Z}*([^.]+)/gu,
  /\p{Z}+(\P{Z}+)/gu,
];
const UNWANTED_END = /[^\p{N}\p{L}#]+$/u;

/**
 * Phone numbers inside the run text[start, end): each match, or null when the remainder from
 * `failedAt` on held no number (so the caller may report it as malformed).
 */
export function matchRun(
  ctx: MatchContext,
  start: number,
  end: number,
): { found: Found[]; failedAt: number } {
  const orig = ctx.text.slice(start, end);
  const ascii = toAsciiLookalike(orig);
  const found: Found[] = [];
  let pos = 0;
  while (pos < orig.length && ctx.tries > 0) {
    const i = nextStart(ascii, pos);
    if (i < 0) break;
    ctx.spent = 0;
    const m = extractMatch(ctx, orig, ascii, i, start);
    if (m) {
      found.push(m);
      pos = m.end - start;
      continue;
    }
    ctx.tries--;
    return { found, failedAt: start + i };
  }
  return { found, failedAt: -1 };
}

/** Where libphonenumber's pattern would start a candidate: a digit, or +/( followed by one. */
function nextStart(ascii: string, from: number): number {
  for (let i = from; i < ascii.length; i++) {
    const c = ascii.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return i;
    if (c === 0x2b || c === 0x28 || c === 0x5b) {
      for (let k = i + 1; k < ascii.length && k <= i + 10; k++) {
        const d = ascii.charCodeAt(k);
        if (d >= 0x30 && d <= 0x39) return i;
      }
    }
  }
  return -1;
}

function extractMatch(
  ctx: MatchContext,
  orig: string,
  ascii: string,
  from: number,
  base: number,
): Found | null {
  let to = ascii.length;
  if (ascii.includes('x', from)) {
    const second = SECOND_NUMBER_START.exec(ascii.slice(from));
    if (second) to = from + second.index;
  }
  const cand = ascii.slice(from, to);
  if (cand.includes('/') && SLASH_SEPARATED_DATES.test(cand)) return null;
  if (TIME_STAMP.test(cand)) {
    const after = toAsciiLookalike(ctx.text.slice(base + to, base + to + 3));
    if (TIME_STAMP_SUFFIX.test(after)) return null;
  }
  return (
    parseAndVerify(ctx, ascii, from, to, base) ??
    extractInnerMatch(ctx, orig, ascii, from, to, base) ??
    extractSpacedPrefix(ctx, ascii, from, to, base)
  );
}

/**
 * Beyond libphonenumber: numbers listed with only a space between them ("03 1234 5678 03 9876
 * 5432") hold no valid single group, so its inner matches find nothing. Try the longest prefix
 * that ends before a space; the matcher resumes after it for the rest.
 */
function extractSpacedPrefix(
  ctx: MatchContext,
  ascii: string,
  from: number,
  to: number,
  base: number,
): Found | null {
  for (let k = to - 1; k > from; k--) {
    if (ascii.charCodeAt(k) !== 0x20) continue;
    let e = k;
    while (e > from && !isDigitCode(ascii.charCodeAt(e - 1))) e--;
    if (e <= from || e === k + 1) continue;
    const r = parseAndVerify(ctx, ascii, from, e, base);
    if (r) return r;
    k = e;
  }
  return null;
}

const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39;

function hasBracket(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x28 || c === 0x29 || c === 0x5b || c === 0x5d) return true;
  }
  return false;
}

function extractInnerMatch(
  ctx: MatchContext,
  orig: string,
  ascii: string,
  from: number,
  to: number,
  base: number,
): Found | null {
  const cand = orig.slice(from, to);
  for (const pattern of INNER_MATCHES) {
    pattern.lastIndex = 0;
    let isFirst = true;
    let m = pattern.exec(cand);
    while (m && ctx.tries > 0) {
      if (isFirst) {
        const headEnd = from + trimmedLength(cand.slice(0, m.index));
        const r = parseAndVerify(ctx, ascii, from, headEnd, base);
        if (r) return r;
        ctx.tries--;
        isFirst = false;
      }
      const group = m[1] ?? '';
      const groupStart = from + m.index + m[0].length - group.length;
      const r = parseAndVerify(ctx, ascii, groupStart, groupStart + trimmedLength(group), base);
      if (r) return r;
      ctx.tries--;
      if (m[0].length === 0) pattern.lastIndex++;
      m = pattern.exec(cand);
    }
  }
  return null;
}

function trimmedLength(s: string): number {
  const m = UNWANTED_END.exec(s);
  return m ? m.index : s.length;
}

/** Is text[i] a currency sign, % or a Latin letter (not a TEL/FAX label) next to a candidate? */
export function isBadNeighbour(text: string, i: number, before: boolean): boolean {
  const cls = CLASS[text.charCodeAt(i)] as number;
  if (cls & MONEY) return true;
  if (!(cls & LATIN)) return false;
  return before ? !isGluedPhoneLabel(text, i + 1) : !isGluedPhoneLabelAfter(text, i);
}

function parseAndVerify(
  ctx: MatchContext,
  ascii: string,
  from: number,
  to: number,
  base: number,
): Found | null {
  if (to <= from) return null;
  ctx.spent = (ctx.spent ?? 0) + 1;
  if (ctx.spent > MAX_PARSES_PER_RUN) return null;
  const cand = ascii.slice(from, to);
  // Both patterns are about brackets: a string without any passes the first and fails the second.
  if (hasBracket(cand) && (!MATCHING_BRACKETS.test(cand) || PUB_PAGES.test(cand))) return null;
  const start = base + from;
  const end = base + to;
  if (RANK[ctx.leniency] >= RANK.VALID) {
    const c0 = cand.charCodeAt(0);
    const lead = c0 === 0x2b || c0 === 0x28 || c0 === 0x5b;
    if (start > 0 && !lead && isBadNeighbour(ctx.text, start - 1, true)) return null;
    if (end < ctx.text.length && isBadNeighbour(ctx.text, end, false)) return null;
  }
  const parsed = parseNumber(cand, ctx.region);
  if (!parsed || !verify(parsed, cand, ctx.leniency)) return null;
  return { start, end, parsed };
}

/** libphonenumber's Leniency.verify for the four levels. */
export function verify(p: Parsed, cand: string, leniency: Leniency): boolean {
  if (leniency === 'POSSIBLE') return p.possible;
  if (!p.valid || !containsOnlyValidXChars(p, cand) || !nationalPrefixPresentIfRequired(p)) return false;
  // Beyond libphonenumber: a number dialled out with an international prefix but grouped like a
  // domestic one (0101-21729-33385 = 010 1 217 293 3385, a scam favourite in Japan) is not
  // accepted as written: the destination's area code must stand as its own group.
  if (p.source === 'idd' && !firstGroupIntact(p, cand)) return false;
  if (leniency === 'VALID') return true;
  if (containsMoreThanOneSlashInNationalNumber(p, cand)) return false;
  // `cand` is the ASCII look-alike, which is libphonenumber's normalizeDigits(candidate, true).
  const groups = nationalNumberGroups(p);
  return leniency === 'STRICT_GROUPING'
    ? allNumberGroupsRemainGrouped(p, cand, groups)
    : allNumberGroupsAreExactlyPresent(p, cand, groups);
}

/** After the international prefix and country code, is the first national group written whole? */
function firstGroupIntact(p: Parsed, cand: string): boolean {
  const nsn = p.nationalNumber;
  const first = nationalNumberGroups(p)[0];
  if (!first) return true;
  let skip = p.rawDigits.length - nsn.length;
  let i = 0;
  for (; i < cand.length && skip > 0; i++) if (isDigitCode(cand.charCodeAt(i))) skip--;
  while (i < cand.length && !isDigitCode(cand.charCodeAt(i))) i++;
  const rest = cand.slice(i);
  if (rest.startsWith(nsn)) return true;
  return rest.startsWith(first) && !isDigitCode(rest.charCodeAt(first.length));
}

/** An 'x' is fine only as the extension sign, right before the extension digits. */
function containsOnlyValidXChars(p: Parsed, cand: string): boolean {
  for (let i = 0; i < cand.length - 1; i++) {
    const c = cand.charCodeAt(i);
    if (c !== 0x78 && c !== 0x58) continue;
    const next = cand.charCodeAt(i + 1);
    if (next === 0x78 || next === 0x58) return false;
    if (cand.slice(i).replace(/\D/g, '') !== (p.ext ?? '')) return false;
  }
  return true;
}

function containsMoreThanOneSlashInNationalNumber(p: Parsed, cand: string): boolean {
  const first = cand.indexOf('/');
  if (first < 0) return false;
  const second = cand.indexOf('/', first + 1);
  if (second < 0) return false;
  const hasCode = p.source === 'plus' || p.source === 'without-plus';
  if (hasCode && cand.slice(0, first).replace(/\D/g, '') === p.countryCallingCode) {
    return cand.slice(second + 1).includes('/');
  }
  return true;
}

/**
 * Digit groups of the national number as libphonenumber formats it internationally
 * ("+1 415 666 7777" gives 415, 666, 7777; libphonenumber-js's RFC 3966 output is ungrouped).
 */
function nationalNumberGroups(p: Parsed): string[] {
  const intl = p.international.replace(/\s*ext.*$/i, '');
  const cc = p.countryCallingCode;
  const body = intl.startsWith(`+${cc}`) ? intl.slice(cc.length + 1) : intl;
  return body.split(/\D+/).filter((g) => g.length > 0);
}

function allNumberGroupsRemainGrouped(p: Parsed, cand: string, groups: string[]): boolean {
  let from = 0;
  if (p.source !== 'default') {
    const cc = p.countryCallingCode;
    from = cand.indexOf(cc) + cc.length;
  }
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i] as string;
    from = cand.indexOf(g, from);
    if (from < 0) return false;
    from += g.length;
    if (i === 0 && from < cand.length) {
      const c = cand.charCodeAt(from);
      if (nationalPrefixOf(p) !== undefined && c >= 0x30 && c <= 0x39) {
        return cand.slice(from - g.length).startsWith(p.nationalNumber);
      }
    }
  }
  return cand.slice(from).includes(p.ext ?? '');
}

function allNumberGroupsAreExactlyPresent(p: Parsed, cand: string, groups: string[]): boolean {
  const parts = cand.split(/\D+/);
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  let ci = p.ext ? parts.length - 2 : parts.length - 1;
  if (parts.length === 1 || (parts[ci] ?? '').includes(p.nationalNumber)) return true;
  for (let gi = groups.length - 1; gi > 0 && ci >= 0; gi--, ci--) {
    if (parts[ci] !== groups[gi]) return false;
  }
  return ci >= 0 && (parts[ci] as string).endsWith(groups[0] as string);
}

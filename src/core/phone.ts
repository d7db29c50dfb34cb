/**
 * The number engine's public API: scanner candidates validated and typed with libphonenumber-js
 * (max metadata, for PREMIUM_RATE, VOIP, UAN, SHARED_COST, TOLL_FREE).
 *
 * - findPhoneNumbers: scan + validate a text; valid matches plus (by default) malformed
 *   phone-shaped strings, which scam pages print on purpose.
 * - validateCandidate / matchCandidate: what the background does with the content script's
 *   candidates; memoised because pages repeat numbers.
 * - parsePhone: one number typed or pasted by a person.
 * - regionFromHints: the page's language and host name to a default region.
 */

import type { PhoneNumber } from 'libphonenumber-js/max';
import { digitsOnly, toAsciiLookalike } from './normalize';
import { type Found, type Leniency, type MatchContext, matchRun } from './phone-match';
import { isKnownRegion, Lru, type Parsed, parseNumber } from './phone-parse';
import { type Candidate, MIN_DIGITS, scanCandidates } from './scanner';

export type { Leniency } from './phone-match';
export { regionFromHints } from './phone-region';

export interface PhoneMatch {
  start: number;
  end: number;
  raw: string;
  e164: string | null;
  national: string | null;
  region: string | null;
  /** libphonenumber type: 'TOLL_FREE', 'PREMIUM_RATE', 'VOIP', 'MOBILE', 'FIXED_LINE', … */
  type: string | null;
  valid: boolean;
  ext?: string;
}

export interface FindOptions {
  /** Default region for numbers written nationally; 'JP' when absent. 'ZZ' = none. */
  region?: string;
  /** Default 'VALID'. */
  leniency?: Leniency;
  /** Also return phone-shaped strings that fail validation (valid: false). Default true. */
  reportMalformed?: boolean;
  /**
   * Regions to try, in order, for a nationally written number that is not valid in `region`
   * (a Japanese toll-free number on an English page). Default none.
   */
  fallbackRegions?: readonly string[];
  /** Give up after this many failed candidates, as libphonenumber's maxTries. Default no limit. */
  maxTries?: number;
}

const DEFAULT_REGION = 'JP';

function regionOrNone(region: string | undefined): string | undefined {
  const r = (region ?? DEFAULT_REGION).toUpperCase();
  return isKnownRegion(r) ? r : undefined;
}

/** Phone numbers in `text`, sorted by start, never overlapping, offsets in UTF-16 code units. */
export function findPhoneNumbers(text: string, options: FindOptions = {}): PhoneMatch[] {
  const region = regionOrNone(options.region);
  const leniency = options.leniency ?? 'VALID';
  const reportMalformed = options.reportMalformed ?? true;
  const maxTries = options.maxTries ?? Number.POSITIVE_INFINITY;
  const candidates = scanCandidates(text, Number.isFinite(maxTries) ? 1 : MIN_DIGITS);
  const ctx: MatchContext = { text, region, leniency, tries: maxTries };
  const out: PhoneMatch[] = [];
  for (const c of candidates) {
    if (ctx.tries <= 0) break;
    matchSpan(ctx, c.start, c.end, reportMalformed, options.fallbackRegions, out);
  }
  return out;
}

function matchSpan(
  ctx: MatchContext,
  start: number,
  end: number,
  reportMalformed: boolean,
  fallbackRegions: readonly string[] | undefined,
  out: PhoneMatch[],
): void {
  let { found, failedAt } = matchRun(ctx, start, end);
  if (found.length === 0 && fallbackRegions && fallbackRegions.length > 0 && !writtenInternationally(ctx, start, end)) {
    for (const r of fallbackRegions) {
      const region = regionOrNone(r);
      if (region === undefined || region === ctx.region) continue;
      const alt = matchRun({ ...ctx, region, tries: Number.POSITIVE_INFINITY }, start, end);
      if (alt.found.length > 0) {
        ({ found, failedAt } = alt);
        break;
      }
    }
  }
  for (const f of found) out.push(toMatch(ctx.text, f));
  if (reportMalformed && failedAt >= 0) {
    const m = malformed(ctx, failedAt, end);
    if (m) out.push(m);
  }
}

function writtenInternationally(ctx: MatchContext, start: number, end: number): boolean {
  const ascii = toAsciiLookalike(ctx.text.slice(start, end));
  return ascii.includes('+') || /^\D*00/.test(ascii);
}

function toMatch(text: string, f: Found): PhoneMatch {
  const n = f.parsed.number;
  const m: PhoneMatch = {
    start: f.start,
    end: f.end,
    raw: text.slice(f.start, f.end),
    e164: n.number as string,
    national: n.formatNational(),
    region: n.country ?? null,
    type: typeOf(f.parsed),
    valid: true,
  };
  if (f.parsed.ext) m.ext = f.parsed.ext;
  return m;
}

const typeCache = new WeakMap<PhoneNumber, string | null>();

function typeOf(p: Parsed): string | null {
  if (!p.valid) return null;
  let t = typeCache.get(p.number);
  if (t === undefined) {
    t = p.number.getType() ?? null;
    typeCache.set(p.number, t);
  }
  return t;
}

/** A phone-shaped string that failed validation, or null when it does not look like a number. */
function malformed(ctx: MatchContext, start: number, end: number): PhoneMatch | null {
  const raw = ctx.text.slice(start, end);
  const shape = phoneShape(raw);
  if (!shape) return null;
  const m: PhoneMatch = {
    start,
    end,
    raw,
    e164: null,
    national: null,
    region: null,
    type: null,
    valid: false,
  };
  const p = shape.parsed(ctx.region);
  if (p?.possible) {
    m.e164 = p.number.number as string;
    m.region = p.number.country ?? null;
  }
  if (p?.ext) m.ext = p.ext;
  return m;
}

interface Shape {
  parsed(region: string | undefined): Parsed | null;
}

/**
 * Does an invalid string still look like a phone number worth reporting? International form
 * with 8-15 digits, or grouped like a national number (0 + 9-14 digits, or the NANP 3-3-4 shape).
 * Dates, counters and ids have other shapes and are not reported.
 */
export function phoneShape(raw: string): Shape | null {
  const ascii = toAsciiLookalike(raw);
  const main = ascii.replace(/(?:[ ,]*(?:ext\.?|x|#|内線|int\.?)[ :.]*\d+#?\)?)$/i, '');
  const groups = main.split(/\D+/).filter((g) => g.length > 0);
  const digits = groups.join('');
  const firstDigit = main.search(/\d/);
  const plus = main.slice(0, Math.max(firstDigit, 0)).includes('+');
  const parsed = (region: string | undefined) => parseLoose(ascii, region);
  if (plus) return digits.length >= 8 && digits.length <= 15 ? { parsed } : null;
  if (groups.length < 2) return null;
  if (/^(?:00[1-9]|01[01])/.test(digits) && digits.length >= 12 && digits.length <= 18) return { parsed };
  if (digits.startsWith('0') && digits.length >= 9 && digits.length <= 14) return { parsed };
  const lens = groups.map((g) => g.length).join(',');
  if (lens === '3,3,4' && /^[2-9]/.test(digits)) return { parsed };
  if (lens === '1,3,3,4' && digits.startsWith('1')) return { parsed };
  return null;
}

function parseLoose(ascii: string, region: string | undefined): Parsed | null {
  return parseNumber(ascii, region);
}

const candidateCache = new Lru<string, PhoneMatch[]>(2048);

/**
 * All numbers inside one scanner candidate, with offsets into the candidate's text. Usually one;
 * a candidate can hold a list ("0120-111-222 0120-333-444"). Memoised by raw text and region.
 */
export function matchCandidate(candidate: Candidate, region: string, options: FindOptions = {}): PhoneMatch[] {
  const leniency = options.leniency ?? 'VALID';
  const reportMalformed = options.reportMalformed ?? true;
  const key = `${region}|${leniency}|${reportMalformed ? 1 : 0}|${(options.fallbackRegions ?? []).join(',')}|${candidate.raw}`;
  let local = candidateCache.get(key);
  if (!local) {
    // Validated alone, without the page around it: the scanner already checked the neighbours.
    const ctx: MatchContext = { text: candidate.raw, region: regionOrNone(region), leniency, tries: Infinity };
    local = [];
    matchSpan(ctx, 0, candidate.raw.length, reportMalformed, options.fallbackRegions, local);
    candidateCache.set(key, local);
  }
  return local.map((m) => ({ ...m, start: m.start + candidate.start, end: m.end + candidate.start }));
}

/** The first number in a candidate (valid preferred), or null when it holds nothing phone-shaped. */
export function validateCandidate(candidate: Candidate, region: string): PhoneMatch | null {
  const all = matchCandidate(candidate, region);
  return all.find((m) => m.valid) ?? all[0] ?? null;
}

/**
 * One number typed or pasted by a person: surrounding words, full-width digits and odd spacing
 * are fine. The first valid number wins; otherwise the first phone-shaped string (valid: false);
 * otherwise a best-effort parse of all the digits.
 */
export function parsePhone(input: string, options: { region?: string } = {}): PhoneMatch | null {
  const found = findPhoneNumbers(input, { region: options.region, reportMalformed: true });
  const best = found.find((m) => m.valid) ?? found[0];
  if (best) return best;
  const ascii = toAsciiLookalike(input);
  const first = ascii.search(/[+\d]/);
  if (first < 0 || digitsOnly(input).length < 3) return null;
  let last = ascii.length;
  while (last > first && !/\d/.test(ascii.charAt(last - 1))) last--;
  const p = parseNumber(ascii.slice(first, last), regionOrNone(options.region));
  const raw = input.slice(first, last);
  return {
    start: first,
    end: last,
    raw,
    e164: p?.possible ? (p.number.number as string) : null,
    national: p?.possible ? p.number.formatNational() : null,
    region: p?.number.country ?? null,
    type: p ? typeOf(p) : null,
    valid: p?.valid ?? false,
    ...(p?.ext ? { ext: p.ext } : {}),
  };
}

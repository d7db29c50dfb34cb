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

import { digitsOnly, toAsciiLookalike } from './normalize';
import { type Found, isBadNeighbour, type Leniency, type MatchContext, matchRun } from './phone-match';
import { clearParseCache, diallingOf, isKnownRegion, Lru, type Parsed, parseNumber } from './phone-parse';
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
  const r = (region || DEFAULT_REGION).toUpperCase();
  return isKnownRegion(r) ? r : undefined;
}

/** Phone numbers in `text`, sorted by start, never overlapping, offsets in UTF-16 code units. */
export function findPhoneNumbers(text: string, options: FindOptions = {}): PhoneMatch[] {
  const region = regionOrNone(options.region);
  const leniency = options.leniency ?? 'VALID';
  const reportMalformed = options.reportMalformed ?? true;
  const maxTries = options.maxTries ?? Number.POSITIVE_INFINITY;
  const limited = Number.isFinite(maxTries);
  // With a try budget, short and rejected runs count as failed tries, as in libphonenumber.
  const rejected: number[] | undefined = limited ? [] : undefined;
  const candidates = scanCandidates(text, limited ? 1 : MIN_DIGITS, rejected, leniency === 'POSSIBLE');
  const ctx: MatchContext = { text, region, leniency, tries: maxTries };
  const out: PhoneMatch[] = [];
  if (limited) {
    let r = 0;
    for (const c of candidates) {
      while (rejected && r < rejected.length && (rejected[r] as number) < c.start) {
        ctx.tries--;
        r++;
      }
      if (ctx.tries <= 0) break;
      matchSpan(ctx, c.start, c.end, reportMalformed, options.fallbackRegions, out);
    }
    return out;
  }
  const settings = `${region ?? ''}|${leniency}|${reportMalformed ? 1 : 0}|${(options.fallbackRegions ?? []).join(',')}`;
  for (const c of candidates) {
    // What a run yields depends only on its text, the settings and its two neighbours.
    const key = `${settings}|${neighbours(text, c.start, c.end)}|${c.raw}`;
    let rel = runCache.get(key);
    if (!rel) {
      const local: PhoneMatch[] = [];
      matchSpan(ctx, c.start, c.end, reportMalformed, options.fallbackRegions, local);
      rel = local.map((m) => ({ ...m, start: m.start - c.start, end: m.end - c.start }));
      runCache.set(key, rel);
    }
    for (const m of rel) out.push({ ...m, start: m.start + c.start, end: m.end + c.start });
  }
  return out;
}

/** Results per run text (offsets relative to the run), bounded: pages repeat their numbers. */
const runCache = new Lru<string, PhoneMatch[]>(16384);

/** The facts about a run's surroundings that the matcher looks at, as a short key. */
function neighbours(text: string, start: number, end: number): number {
  const before = start > 0 && isBadNeighbour(text, start - 1, true) ? 1 : 0;
  const after = end < text.length && isBadNeighbour(text, end, false) ? 2 : 0;
  // A time after the run ("2012-01-02 08:00") changes libphonenumber's reading of it.
  const colon = text.charCodeAt(end);
  const next = text.charCodeAt(end + 1);
  const time =
    (colon === 0x3a || colon === 0xff1a) &&
    ((next >= 0x30 && next <= 0x35) || (next >= 0xff10 && next <= 0xff15))
      ? 4
      : 0;
  return before + after + time;
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
  if (
    found.length === 0 &&
    fallbackRegions &&
    fallbackRegions.length > 0 &&
    !writtenInternationally(ctx, start, end)
  ) {
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

/** Written with + or dialled out with the region's international prefix (00, 010, 011…)? */
function writtenInternationally(ctx: MatchContext, start: number, end: number): boolean {
  const ascii = toAsciiLookalike(ctx.text.slice(start, end));
  if (ascii.includes('+') || /^\D*00/.test(ascii)) return true;
  const idd = diallingOf(ctx.region).idd?.exec(digitsOnly(ascii));
  return idd !== null && idd !== undefined && idd[0].length > 0;
}

/** Start of a match after an opening bracket that the match never closes ("(0120-123-456"). */
function afterUnclosedBracket(text: string, start: number, end: number): number {
  const raw = toAsciiLookalike(text.slice(start, end));
  const open = raw.replace(/[^([]/g, '').length;
  const close = raw.replace(/[^)\]]/g, '').length;
  if (open <= close || !/^[([]/.test(raw)) return start;
  return start + raw.search(/[+\d]/);
}

function toMatch(text: string, f: Found): PhoneMatch {
  const n = f.parsed.number;
  const start = afterUnclosedBracket(text, f.start, f.end);
  const m: PhoneMatch = {
    start,
    end: f.end,
    raw: text.slice(start, f.end),
    e164: n.number as string,
    national: nationalOf(f.parsed),
    region: n.country ?? null,
    type: typeOf(f.parsed),
    valid: true,
  };
  if (f.parsed.ext) m.ext = f.parsed.ext;
  return m;
}

/** National format without the extension (PhoneMatch.ext carries it). */
function nationalOf(p: Parsed): string {
  const national = p.number.formatNational();
  return p.ext ? national.replace(/\s*ext\.\s*\d+$/, '') : national;
}

function typeOf(p: Parsed): string | null {
  return p.valid ? (p.type ?? null) : null;
}

/** A phone-shaped string that failed validation, or null when it does not look like a number. */
function malformed(ctx: MatchContext, from: number, end: number): PhoneMatch | null {
  const start = afterUnclosedBracket(ctx.text, from, end);
  const raw = ctx.text.slice(start, end);
  const shape = phoneShape(raw, ctx.region);
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
 * Does an invalid string still look like a phone number worth reporting? Written
 * internationally (+ or the region's international prefix) with 8-15 digits, or grouped like a
 * national number: the region's trunk prefix 0 and 9-14 digits, or the NANP 3-3-4 shape. Dates,
 * counters, ids and log fields have other shapes and are not reported.
 */
export function phoneShape(raw: string, region: string | undefined): Shape | null {
  const ascii = toAsciiLookalike(raw);
  const main = ascii.replace(/(?:[ ,]*(?:ext\.?|extension|x|#|内線|int\.?)[ :.]*\d+#?\)?)$/i, '');
  const groups = main.split(/\D+/).filter((g) => g.length > 0);
  const digits = groups.join('');
  const firstDigit = main.search(/\d/);
  const plus = main.slice(0, Math.max(firstDigit, 0)).includes('+');
  const shape: Shape = { parsed: (r) => parseNumber(ascii, r) };
  if (plus) return digits.length >= 8 && digits.length <= 15 ? shape : null;
  if (groups.length < 2) return null;
  const { idd, nationalPrefix } = diallingOf(region);
  const intl = idd?.exec(digits);
  if (intl && intl[0].length > 0) {
    const rest = digits.length - intl[0].length;
    return rest >= 8 && rest <= 15 ? shape : null;
  }
  if (nationalPrefix === '0' && digits.startsWith('0') && digits.length >= 9 && digits.length <= 14)
    return shape;
  const lens = groups.map((g) => g.length).join(',');
  if (lens === '3,3,4' && /^[2-9]/.test(digits)) return shape;
  if (lens === '1,3,3,4' && digits.startsWith('1')) return shape;
  return null;
}

const candidateCache = new Lru<string, PhoneMatch[]>(2048);

/**
 * All numbers inside one scanner candidate, with offsets into the candidate's text. Usually one;
 * a candidate can hold a list ("0120-111-222 0120-333-444"). Memoised by raw text and region.
 */
export function matchCandidate(
  candidate: Candidate,
  region: string,
  options: FindOptions = {},
): PhoneMatch[] {
  const leniency = options.leniency ?? 'VALID';
  const reportMalformed = options.reportMalformed ?? true;
  const key = `${region}|${leniency}|${reportMalformed ? 1 : 0}|${(options.fallbackRegions ?? []).join(',')}|${candidate.raw}`;
  let local = candidateCache.get(key);
  if (!local) {
    // Validated alone, without the page around it: the scanner already checked the neighbours.
    const ctx: MatchContext = {
      text: candidate.raw,
      region: regionOrNone(region),
      leniency,
      tries: Infinity,
    };
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
    national: p?.possible ? nationalOf(p) : null,
    region: p?.number.country ?? null,
    type: p ? typeOf(p) : null,
    valid: p?.valid ?? false,
    ...(p?.ext ? { ext: p.ext } : {}),
  };
}

/** Empties the engine's memo caches (benchmarks measure cold and warm runs). */
export function clearEngineCaches(): void {
  clearParseCache();
  candidateCache.clear();
  runCache.clear();
}

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
import { keypad, vanityEnd } from './scanner-vanity';

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
  const candidates = scanCandidates(text, limited ? 1 : MIN_DIGITS, rejected, leniency === 'POSSIBLE', false);
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
  let cache = runCaches.get(settings);
  if (!cache) {
    if (runCaches.size >= 64) runCaches.clear();
    cache = new Lru<string, PhoneMatch[]>(16384);
    runCaches.set(settings, cache);
  }
  for (const c of candidates) {
    // What a run yields depends only on its text, the settings and its two neighbours. The raw
    // text alone is the key in the common case (a run starts with a digit, +, ( or [, never
    // with U+0000).
    const around = neighbours(text, c.start, c.end);
    const key = around === 0 ? c.raw : `\u0000${around}${c.raw}`;
    let rel = cache.get(key);
    if (!rel) {
      const local: PhoneMatch[] = [];
      matchSpan(ctx, c.start, c.end, reportMalformed, options.fallbackRegions, local);
      for (const m of local) {
        m.start -= c.start;
        m.end -= c.start;
      }
      rel = local;
      cache.set(key, rel);
    }
    for (const m of rel) out.push(moved(m, c.start));
  }
  return out;
}

/** A copy of a cached match, its offsets moved by `by`. */
function moved(m: PhoneMatch, by: number): PhoneMatch {
  const copy: PhoneMatch = {
    start: m.start + by,
    end: m.end + by,
    raw: m.raw,
    e164: m.e164,
    national: m.national,
    region: m.region,
    type: m.type,
    valid: m.valid,
  };
  if (m.ext !== undefined) copy.ext = m.ext;
  return copy;
}

/**
 * Results per run text (offsets relative to the run), one bounded cache per settings (region,
 * leniency, …): pages repeat their numbers.
 */
const runCaches = new Map<string, Lru<string, PhoneMatch[]>>();

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
  if (hasKeypadLetter(ctx.text, start, end) && vanityEnd(ctx.text, start) === end) {
    matchVanity(ctx, start, end, out);
    return;
  }
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

/** Does text[from, to) hold an upper-case letter (a vanity number's)? */
function hasKeypadLetter(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (keypad(text.charCodeAt(i))) return true;
  return false;
}

/**
 * A vanity number (1-800-FLOWERS): letters read as keypad digits, a North American number.
 * Reported only when valid, as the whole printed text: a malformed one is more likely a word.
 */
function matchVanity(ctx: MatchContext, start: number, end: number, out: PhoneMatch[]): void {
  let mapped = '';
  for (let i = start; i < end; i++) {
    const c = ctx.text.charCodeAt(i);
    mapped += String.fromCharCode(keypad(c) || c);
  }
  const sub: PhoneMatch[] = [];
  const nanp: MatchContext = {
    text: mapped,
    region: 'US',
    leniency: ctx.leniency,
    tries: Number.POSITIVE_INFINITY,
  };
  matchSpan(nanp, 0, mapped.length, false, undefined, sub);
  const m = sub[0];
  if (sub.length !== 1 || !m || !m.valid || m.start !== 0 || m.end !== mapped.length) return;
  out.push({ ...m, start, end, raw: ctx.text.slice(start, end) });
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
  const c = text.charCodeAt(start);
  if (c !== 0x28 && c !== 0x5b && c !== 0xff08 && c !== 0xff3b) return start;
  const raw = toAsciiLookalike(text.slice(start, end));
  const open = raw.replace(/[^([]/g, '').length;
  const close = raw.replace(/[^)\]]/g, '').length;
  if (open <= close || !/^[([]/.test(raw)) return start;
  return start + raw.search(/[+\d]/);
}

function toMatch(text: string, f: Found): PhoneMatch {
  const p = f.parsed;
  const start = afterUnclosedBracket(text, f.start, f.end);
  const m: PhoneMatch = {
    start,
    end: f.end,
    raw: text.slice(start, f.end),
    e164: p.e164,
    national: p.national,
    region: p.country ?? null,
    type: typeOf(p),
    valid: true,
  };
  if (f.parsed.ext) m.ext = f.parsed.ext;
  return m;
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
    m.e164 = p.e164;
    m.region = p.country ?? null;
  }
  if (p?.ext) m.ext = p.ext;
  return m;
}

/** A phone-shaped string: its ASCII look-alike, parsed on demand. */
class Shape {
  constructor(private readonly ascii: string) {}
  parsed(region: string | undefined): Parsed | null {
    return parseNumber(this.ascii, region);
  }
}

/**
 * Does an invalid string still look like a phone number worth reporting? Written
 * internationally (+ or the region's international prefix) with 8-15 digits, or grouped like a
 * national number: the region's trunk prefix 0 and 9-14 digits, or the NANP 3-3-4 shape. Dates,
 * counters, ids and log fields have other shapes and are not reported.
 */
export function phoneShape(raw: string, region: string | undefined): Shape | null {
  const ascii = toAsciiLookalike(raw);
  const main = mayHaveExtension(ascii) ? ascii.replace(SHAPE_EXTENSION, '') : ascii;
  // Digit groups (their lengths) and all digits; a plus sign before the first digit.
  const lens: number[] = [];
  let digits = '';
  let plus = false;
  for (let i = 0; i < main.length; ) {
    const c = main.charCodeAt(i);
    if (c < 0x30 || c > 0x39) {
      if (c === 0x2b && lens.length === 0) plus = true;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < main.length && main.charCodeAt(j) >= 0x30 && main.charCodeAt(j) <= 0x39) j++;
    lens.push(j - i);
    digits += main.slice(i, j);
    i = j;
  }
  const shape = new Shape(ascii);
  if (plus) return digits.length >= 8 && digits.length <= 15 ? shape : null;
  if (lens.length < 2) return null;
  const { idd, nationalPrefix } = diallingOf(region);
  const intl = idd?.exec(digits);
  if (intl && intl[0].length > 0) {
    const rest = digits.length - intl[0].length;
    return rest >= 8 && rest <= 15 ? shape : null;
  }
  if (nationalPrefix === '0' && digits.startsWith('0') && digits.length >= 9 && digits.length <= 14)
    return shape;
  const d0 = digits.charCodeAt(0);
  if (lens.length === 3 && lens[0] === 3 && lens[1] === 3 && lens[2] === 4 && d0 >= 0x32) return shape;
  if (lens.length === 4 && lens[0] === 1 && lens[1] === 3 && lens[2] === 3 && lens[3] === 4 && d0 === 0x31)
    return shape;
  return null;
}

const SHAPE_EXTENSION = /(?:[ ,]*(?:ext\.?|extension|x|#|内線|int\.?)[ :.]*\d+#?\)?)$/i;

/** Could SHAPE_EXTENSION match (a Latin letter, # or 内 somewhere)? */
function mayHaveExtension(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if ((c >= 0x61 && c <= 0x7a) || c === 0x23 || s.charCodeAt(i) === 0x5185) return true;
  }
  return false;
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
    e164: p?.possible ? p.e164 : null,
    national: p?.possible ? p.national : null,
    region: p?.country ?? null,
    type: p ? typeOf(p) : null,
    valid: p?.valid ?? false,
    ...(p?.ext ? { ext: p.ext } : {}),
  };
}

/** Empties the engine's memo caches (benchmarks measure cold and warm runs). */
export function clearEngineCaches(): void {
  clearParseCache();
  candidateCache.clear();
  runCaches.clear();
}

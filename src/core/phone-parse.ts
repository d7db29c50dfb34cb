/**
 * Parsing one number-shaped string with libphonenumber-js (max metadata), memoised: pages
 * repeat the same numbers, and parsing plus type detection is the expensive part of the engine.
 * Also the few metadata questions the matcher asks (national prefix rules), which
 * libphonenumber-js answers only through its Metadata class.
 */

import {
  type CountryCode,
  isSupportedCountry,
  Metadata,
  type PhoneNumber,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import { digitsOnly } from './normalize';
import {
  type FastNumber,
  fastFormat,
  fastIsPossible,
  fastParse,
  fastType,
  formatForRegion,
} from './phone-fast';

/** How the country calling code was found (libphonenumber's CountryCodeSource). */
export type CodeSource = 'plus' | 'idd' | 'without-plus' | 'default';

export interface Parsed {
  /** E.164, '+' + calling code + national number. */
  e164: string;
  countryCallingCode: string;
  /** National (significant) number. */
  nationalNumber: string;
  /** libphonenumber's region of the number; undefined for non-geographic numbers. */
  country: string | undefined;
  /** Digits of the number part as written (no extension, no plus). */
  rawDigits: string;
  source: CodeSource;
  ext: string | undefined;
  /** libphonenumber type; undefined exactly when the number is not valid (max metadata). */
  type: string | undefined;
  valid: boolean;
  /** Possible length for its region; computed on first use (only POSSIBLE and malformed need it). */
  readonly possible: boolean;
  /** National format without the extension; computed on first use. */
  readonly national: string;
  /** International format (libphonenumber's, with its extension); computed on first use. */
  readonly international: string;
  /**
   * The libphonenumber-js PhoneNumber, built on first use by the full parse (only the grouping
   * leniencies ask for it, to format the number internationally).
   */
  readonly number: PhoneNumber;
}

/**
 * A bounded memo cache: two generations of Maps. Hits in the old generation move to the young
 * one; when the young one is full it becomes the old one. Recently used entries survive, memory
 * stays under 2 × limit, and a hit costs one or two Map lookups (no reordering on every hit).
 */
export class Lru<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  constructor(private readonly limit: number) {}
  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) this.set(key, o);
    return o;
  }
  set(key: K, value: V): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
  get size(): number {
    return this.young.size + this.old.size;
  }
  clear(): void {
    this.young.clear();
    this.old.clear();
  }
}

// Extension at the end of a number, as libphonenumber parses it (explicit labels allow 20
// digits, one-character labels 9, "American" trailing-hash style 6), plus Japanese 内線.
const EXTENSION =
  /(?:[ \t,]*(?:e?xt(?:ensi(?:o\u0301?|ó))?n?|доб|anexo|内線)[:.]?[ \t,-]*(\d{1,20})#?|[ \t,]*(?:[x#~]|int)[:.]?[ \t,-]*(\d{1,9})#?|[- ]+(\d{1,6})#)$/i;
const SECOND_NUMBER_START = /[\\/] *x/;
const UNWANTED_END = /[^\p{N}\p{L}#]+$/u;

/** Parse results by region (no region: ''), then by digits ('+' first when written so). */
const parseCaches = new Map<string, Lru<string, Parsed | null>>();

/** Counts of parse requests and of cache misses (libphonenumber-js calls): a measure of work. */
export const parseStats = { calls: 0, misses: 0, fast: 0 };
const metadata = new Metadata();
const regexCache = new Map<string, RegExp>();

function re(source: string, anchored: 'start' | 'full'): RegExp {
  const key = anchored + source;
  let r = regexCache.get(key);
  if (!r) {
    r = new RegExp(anchored === 'start' ? `^(?:${source})` : `^(?:${source})$`);
    regexCache.set(key, r);
  }
  return r;
}

const knownRegions = new Map<string, boolean>();

export function isKnownRegion(region: string | undefined): region is CountryCode {
  if (region === undefined) return false;
  let known = knownRegions.get(region);
  if (known === undefined) {
    known = isSupportedCountry(region);
    if (knownRegions.size < 1000) knownRegions.set(region, known);
  }
  return known;
}

/**
 * Parses an ASCII look-alike string (see normalize.ts) the way libphonenumber parses a matcher
 * candidate: from the first digit or plus sign, trailing punctuation dropped, extension split off.
 */
export function parseNumber(ascii: string, region: string | undefined): Parsed | null {
  let from = 0;
  while (from < ascii.length) {
    const c = ascii.charCodeAt(from);
    if (c === 0x2b || (c >= 0x30 && c <= 0x39)) break;
    from++;
  }
  if (from >= ascii.length) return null;
  let s = ascii.slice(from);
  // The regular expressions below need letters or # (SECOND_NUMBER_START, EXTENSION) or a
  // trailing non-digit (UNWANTED_END): most strings have neither.
  const plain = isPlainNumber(s);
  if (!plain) {
    const second = SECOND_NUMBER_START.exec(s);
    if (second) s = s.slice(0, second.index);
  }
  if (!isDigitCode(s.charCodeAt(s.length - 1))) s = s.replace(UNWANTED_END, '');
  let ext: string | undefined;
  if (!plain) {
    const e = EXTENSION.exec(s);
    if (e && e.index > 0) {
      ext = e[1] ?? e[2] ?? e[3];
      s = s.slice(0, e.index);
    }
  }
  const plus = s.charCodeAt(0) === 0x2b;
  const rawDigits = digitsOnly(s);
  // No national number is shorter than 4 digits (AT has the shortest), so shorter strings need
  // no parse: the matcher tries many short groups when it splits a run that failed.
  if (rawDigits.length < (plus ? 5 : 4) || rawDigits.length > 20) return null;
  const key = ext ? `${plus ? '+' : ''}${rawDigits}|${ext}` : plus ? `+${rawDigits}` : rawDigits;
  parseStats.calls++;
  const r = region ?? '';
  let cache = parseCaches.get(r);
  if (!cache) {
    if (parseCaches.size >= 64) parseCaches.clear();
    cache = new Lru<string, Parsed | null>(4096);
    parseCaches.set(r, cache);
  }
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  parseStats.misses++;
  const result = parseDigits(rawDigits, plus, region, ext);
  cache.set(key, result);
  return result;
}

const isDigitCode = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Only digits, spaces and the punctuation numbers are written with (no letter, #, ~ or comma)? */
function isPlainNumber(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigitCode(c)) continue;
    // space ( ) + - . / [ ]
    if (c === 0x20 || c === 0x28 || c === 0x29 || c === 0x2b || c === 0x2d || c === 0x2e || c === 0x2f)
      continue;
    if (c === 0x5b || c === 0x5d) continue;
    return false;
  }
  return true;
}

function parseDigits(
  rawDigits: string,
  plus: boolean,
  region: string | undefined,
  ext: string | undefined,
): Parsed | null {
  const defaultCountry = isKnownRegion(region) ? region : undefined;
  if (!plus && !defaultCountry) return null;
  const fast = fastParse(rawDigits, plus, defaultCountry);
  if (fast === null) return null;
  if (fast !== undefined) {
    parseStats.fast++;
    return new ParsedNumber(fast, fastType(fast), undefined, rawDigits, plus, defaultCountry, ext);
  }
  const number = fullParse(rawDigits, plus, defaultCountry, ext);
  if (!number) return null;
  const n: FastNumber = {
    countryCallingCode: number.countryCallingCode as string,
    nationalNumber: number.nationalNumber as string,
    country: number.country,
    carrierCode: number.carrierCode as string | undefined,
  };
  // With max metadata libphonenumber-js decides validity by finding the type: ask once.
  return new ParsedNumber(n, number.getType(), number, rawDigits, plus, defaultCountry, ext);
}

/** libphonenumber-js's own parse (the slow path, and the source of truth). */
function fullParse(
  rawDigits: string,
  plus: boolean,
  defaultCountry: CountryCode | undefined,
  ext: string | undefined,
): PhoneNumber | undefined {
  let number: PhoneNumber | undefined;
  try {
    number = parsePhoneNumberFromString(plus ? `+${rawDigits}` : rawDigits, { defaultCountry });
  } catch {
    return undefined;
  }
  if (number && ext) number.setExt(ext);
  return number;
}

/**
 * A parsed number. From the fast path (phone-fast.ts) the libphonenumber-js PhoneNumber is made
 * only when asked for; formats and the possible-length check come from the fast path when it
 * can answer, else from PhoneNumber.
 */
class ParsedNumber implements Parsed {
  readonly e164: string;
  readonly countryCallingCode: string;
  readonly nationalNumber: string;
  readonly country: string | undefined;
  readonly source: CodeSource;
  readonly valid: boolean;
  private possibleMemo: boolean | undefined;
  private nationalMemo: string | undefined;
  private internationalMemo: string | undefined;

  constructor(
    private readonly fast: FastNumber,
    readonly type: string | undefined,
    private numberMemo: PhoneNumber | undefined,
    readonly rawDigits: string,
    private readonly plus: boolean,
    private readonly defaultCountry: CountryCode | undefined,
    readonly ext: string | undefined,
  ) {
    this.countryCallingCode = fast.countryCallingCode;
    this.nationalNumber = fast.nationalNumber;
    this.country = fast.country;
    this.e164 = `+${fast.countryCallingCode}${fast.nationalNumber}`;
    this.source = plus
      ? 'plus'
      : codeSource(rawDigits, this.countryCallingCode, this.nationalNumber, defaultCountry);
    this.valid = type !== undefined;
  }

  get number(): PhoneNumber {
    this.numberMemo ??= fullParse(this.rawDigits, this.plus, this.defaultCountry, this.ext) as PhoneNumber;
    return this.numberMemo;
  }

  get possible(): boolean {
    this.possibleMemo ??= fastIsPossible(this.fast) ?? this.number.isPossible();
    return this.possibleMemo;
  }

  get national(): string {
    this.nationalMemo ??= withoutExt(
      fastFormat(this.fast, 'NATIONAL', this.ext) ?? this.number.formatNational(),
      this.ext,
    );
    return this.nationalMemo;
  }

  get international(): string {
    this.internationalMemo ??=
      fastFormat(this.fast, 'INTERNATIONAL', this.ext) ?? this.number.format('INTERNATIONAL');
    return this.internationalMemo;
  }
}

/** National format without the extension (PhoneMatch.ext carries it). */
function withoutExt(national: string, ext: string | undefined): string {
  return ext ? national.replace(/\s*ext\.\s*\d+$/, '') : national;
}

/** Was the calling code written (after an international prefix or bare) or implied by the region? */
function codeSource(rawDigits: string, cc: string, nsn: string, region: CountryCode | undefined): CodeSource {
  if (!region) return 'plus';
  const m = diallingOf(region).idd?.exec(rawDigits);
  if (m && rawDigits.slice(m[0].length).startsWith(cc)) return 'idd';
  if (rawDigits === cc + nsn) return 'without-plus';
  return 'default';
}

/**
 * libphonenumber's isNationalPrefixPresentIfRequired: a number written nationally must carry
 * the national prefix when its format requires one ("(20) 3346 1234" in GB is not a match).
 */
export function nationalPrefixPresentIfRequired(p: Parsed): boolean {
  if (p.source !== 'default') return true;
  const country = p.country;
  if (!country) return true;
  const nsn = p.nationalNumber;
  const format = formatForRegion(country, nsn);
  if (!format) return true;
  const rule = format.nationalPrefixFormattingRule;
  if (!rule) return true;
  if (format.nationalPrefixIsOptionalWhenFormatting) return true;
  if (/^\(?\$1\)?$/.test(rule)) return true;
  // Something (a national prefix or carrier code) was stripped from what was written.
  return p.rawDigits !== nsn;
}

/** The national (trunk) prefix of the number's region, e.g. '0' for JP, '1' for US. */
export function nationalPrefixOf(p: Parsed): string | undefined {
  const np = diallingOf(p.country).nationalPrefix;
  return np ? np.replace(/~/g, '') : undefined;
}

export interface Dialling {
  /** The region's international (IDD) prefix pattern, anchored at the start. */
  idd: RegExp | undefined;
  /** The region's national (trunk) prefix, e.g. '0'. */
  nationalPrefix: string | undefined;
}

const diallingCache = new Map<string, Dialling>();

export function diallingOf(region: string | undefined): Dialling {
  if (!isKnownRegion(region)) return { idd: undefined, nationalPrefix: undefined };
  let d = diallingCache.get(region);
  if (!d) {
    metadata.selectNumberingPlan(region);
    const plan = metadata.numberingPlan as unknown as {
      IDDPrefix(): string;
      nationalPrefix(): string | undefined;
    };
    const idd = plan.IDDPrefix();
    d = { idd: idd ? re(idd, 'start') : undefined, nationalPrefix: plan.nationalPrefix() || undefined };
    diallingCache.set(region, d);
  }
  return d;
}

/** For tests and benchmarks: start from a cold cache. */
export function clearParseCache(): void {
  parseCaches.clear();
}

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

/** How the country calling code was found (libphonenumber's CountryCodeSource). */
export type CodeSource = 'plus' | 'idd' | 'without-plus' | 'default';

export interface Parsed {
  number: PhoneNumber;
  /** Digits of the number part as written (no extension, no plus). */
  rawDigits: string;
  source: CodeSource;
  ext: string | undefined;
  /** libphonenumber type; undefined exactly when the number is not valid (max metadata). */
  type: string | undefined;
  valid: boolean;
  /** Possible length for its region; computed on first use (only POSSIBLE and malformed need it). */
  readonly possible: boolean;
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

const parseCache = new Lru<string, Parsed | null>(4096);

/** Counts of parse requests and of cache misses (libphonenumber-js calls): a measure of work. */
export const parseStats = { calls: 0, misses: 0 };
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

export function isKnownRegion(region: string | undefined): region is CountryCode {
  return region !== undefined && isSupportedCountry(region);
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
  const second = SECOND_NUMBER_START.exec(s);
  if (second) s = s.slice(0, second.index);
  s = s.replace(UNWANTED_END, '');
  let ext: string | undefined;
  const e = EXTENSION.exec(s);
  if (e && e.index > 0) {
    ext = e[1] ?? e[2] ?? e[3];
    s = s.slice(0, e.index);
  }
  const plus = s.charCodeAt(0) === 0x2b;
  const rawDigits = digitsOnly(s);
  // No national number is shorter than 4 digits (AT has the shortest), so shorter strings need
  // no parse: the matcher tries many short groups when it splits a run that failed.
  if (rawDigits.length < (plus ? 5 : 4) || rawDigits.length > 20) return null;
  const key = `${plus ? '+' : ''}${rawDigits}|${region ?? ''}|${ext ?? ''}`;
  parseStats.calls++;
  const hit = parseCache.get(key);
  if (hit !== undefined) return hit;
  parseStats.misses++;
  const result = parseDigits(rawDigits, plus, region, ext);
  parseCache.set(key, result);
  return result;
}

function parseDigits(
  rawDigits: string,
  plus: boolean,
  region: string | undefined,
  ext: string | undefined,
): Parsed | null {
  const defaultCountry = isKnownRegion(region) ? region : undefined;
  if (!plus && !defaultCountry) return null;
  let number: PhoneNumber | undefined;
  try {
    number = parsePhoneNumberFromString(plus ? `+${rawDigits}` : rawDigits, { defaultCountry });
  } catch {
    return null;
  }
  if (!number) return null;
  if (ext) number.setExt(ext);
  const source: CodeSource = plus ? 'plus' : codeSource(rawDigits, number, defaultCountry);
  // With max metadata libphonenumber-js decides validity by finding the type: ask once.
  const type = number.getType();
  const n = number;
  let possible: boolean | undefined;
  return {
    number,
    rawDigits,
    source,
    ext,
    type,
    valid: type !== undefined,
    get possible(): boolean {
      possible ??= n.isPossible();
      return possible;
    },
  };
}

/** Was the calling code written (after an international prefix or bare) or implied by the region? */
function codeSource(rawDigits: string, number: PhoneNumber, region: CountryCode | undefined): CodeSource {
  if (!region) return 'plus';
  const cc = number.countryCallingCode as string;
  const m = diallingOf(region).idd?.exec(rawDigits);
  if (m && rawDigits.slice(m[0].length).startsWith(cc)) return 'idd';
  if (rawDigits === cc + (number.nationalNumber as string)) return 'without-plus';
  return 'default';
}

interface FormatLike {
  pattern(): string;
  leadingDigitsPatterns(): string[];
  nationalPrefixFormattingRule(): string | undefined;
  nationalPrefixIsOptionalWhenFormattingInNationalFormat(): boolean;
}

const formatsCache = new Map<string, FormatLike[]>();

/** A country's number formats; libphonenumber-js builds new objects on every call, so keep them. */
function formatsOf(country: CountryCode): FormatLike[] {
  let formats = formatsCache.get(country);
  if (!formats) {
    metadata.selectNumberingPlan(country);
    formats = (metadata.numberingPlan as unknown as { formats(): FormatLike[] }).formats();
    formatsCache.set(country, formats);
  }
  return formats;
}

/**
 * libphonenumber's isNationalPrefixPresentIfRequired: a number written nationally must carry
 * the national prefix when its format requires one ("(20) 3346 1234" in GB is not a match).
 */
export function nationalPrefixPresentIfRequired(p: Parsed): boolean {
  if (p.source !== 'default') return true;
  const country = p.number.country;
  if (!country) return true;
  const nsn = p.number.nationalNumber as string;
  const format = formatsOf(country).find((f) => {
    const leading = f.leadingDigitsPatterns();
    const last = leading[leading.length - 1];
    if (last !== undefined && !re(last, 'start').test(nsn)) return false;
    return re(f.pattern(), 'full').test(nsn);
  });
  if (!format) return true;
  const rule = format.nationalPrefixFormattingRule();
  if (!rule) return true;
  if (format.nationalPrefixIsOptionalWhenFormattingInNationalFormat()) return true;
  if (/^\(?\$1\)?$/.test(rule)) return true;
  // Something (a national prefix or carrier code) was stripped from what was written.
  return p.rawDigits !== nsn;
}

/** The national (trunk) prefix of the number's region, e.g. '0' for JP, '1' for US. */
export function nationalPrefixOf(p: Parsed): string | undefined {
  const np = diallingOf(p.number.country).nationalPrefix;
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
  parseCache.clear();
}

/**
 * The fast path of the number engine: libphonenumber-js's parse, getType, isPossible and
 * formatNational for a string of digits (with or without a leading plus), computed straight from
 * its own `max` metadata with regular expressions compiled once per pattern.
 *
 * libphonenumber-js answers the same questions correctly but slowly for our use: every call
 * builds Metadata and NumberingPlan objects and compiles a new RegExp for every pattern it tests
 * (`matchesEntirely`), which made a first parse of a number cost tens of microseconds. Nothing
 * here is a table of number ranges of ours: every decision reads the metadata libphonenumber-js
 * ships (numbering plans, type patterns, possible lengths, national prefix rules, formats), the
 * same way its code does, step for step (parse.js, extractCountryCallingCode.js,
 * extractNationalNumber.js, getCountryByNationalNumber.js, getNumberType.js,
 * checkNumberLength.js, format.js). `phone-fast.test.ts` compares the two on many generated
 * numbers for every region; `fastParse` returns `undefined` (the caller then runs the full
 * parse) if the metadata is not in the format this code reads.
 */

import { Metadata } from 'libphonenumber-js/max';

/** What libphonenumber-js's parsePhoneNumberFromString gives for a digit string. */
export interface FastNumber {
  countryCallingCode: string;
  nationalNumber: string;
  /** PhoneNumber.country: undefined for non-geographic numbers and unresolved shared codes. */
  country: string | undefined;
  carrierCode: string | undefined;
}

// The metadata JSON (version 4 layout: see libphonenumber-js's metadata.js).
type PlanJson = unknown[];
interface MetadataJson {
  version: number;
  country_calling_codes: Record<string, string[]>;
  countries: Record<string, PlanJson>;
  nonGeographic?: Record<string, PlanJson>;
}

const json = (new Metadata() as unknown as { metadata: MetadataJson }).metadata;
/** The fast path reads metadata version 4 only; anything else goes to the full parse. */
const SUPPORTED = json !== undefined && json.version === 4 && typeof json.countries === 'object';

const MIN_LENGTH_FOR_NSN = 2;
const MAX_LENGTH_FOR_NSN = 17;
const MAX_LENGTH_COUNTRY_CODE = 3;
const DEFAULT_EXT_PREFIX = ' ext. ';
const FIRST_GROUP_PATTERN = /(\$\d)/;

// Type order of the metadata's types array and of getNumberType's search.
const T_FIXED_LINE = 0;
const T_MOBILE = 1;
const TYPE_INDEX: Record<string, number> = {
  FIXED_LINE: 0,
  MOBILE: 1,
  TOLL_FREE: 2,
  PREMIUM_RATE: 3,
  PERSONAL_NUMBER: 4,
  VOICEMAIL: 5,
  UAN: 6,
  PAGER: 7,
  VOIP: 8,
  SHARED_COST: 9,
};
const NON_FIXED_LINE_TYPES = [
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
].map((name) => ({ name, index: TYPE_INDEX[name] as number }));

const entire = new Map<string, RegExp>();
const leading = new Map<string, RegExp>();
const plain = new Map<string, RegExp>();

/** libphonenumber-js's matchesEntirely pattern (`^(?:…)$`), compiled once. */
function entireRegExp(pattern: string): RegExp {
  let r = entire.get(pattern);
  if (!r) {
    r = new RegExp(`^(?:${pattern})$`);
    entire.set(pattern, r);
  }
  return r;
}

/** `text.search(pattern) === 0`: a match that starts at the first character. */
function startsWithPattern(text: string, pattern: string): boolean {
  let r = leading.get(pattern);
  if (!r) {
    r = new RegExp(`^(?:${pattern})`);
    leading.set(pattern, r);
  }
  return r.test(text);
}

/** `new RegExp(pattern)` as libphonenumber-js builds it (unanchored), kept. */
function plainRegExp(pattern: string): RegExp {
  let r = plain.get(pattern);
  if (!r) {
    r = new RegExp(pattern);
    plain.set(pattern, r);
  }
  return r;
}

interface Type {
  pattern: string;
  /** The pattern anchored at both ends, compiled on first use. */
  entire?: RegExp;
  lengths: number[] | undefined;
}

interface Plan {
  json: PlanJson;
  callingCode: string;
  idd: unknown;
  nationalNumberPattern: string;
  /** nationalNumberPattern anchored at both ends. */
  nationalNumberRegExp: RegExp;
  possibleLengths: number[] | undefined;
  nationalPrefix: string | undefined;
  nationalPrefixForParsing: string | undefined;
  nationalPrefixTransformRule: string | undefined;
  leadingDigits: string | undefined;
  /** Per type index; undefined when the plan has no types. */
  types: (Type | undefined)[] | undefined;
  /** Filled on first use: the main plan of the calling code (for inherited formats and rules). */
  main?: Plan;
}

const plans = new Map<PlanJson, Plan>();

function planOf(p: PlanJson): Plan {
  let plan = plans.get(p);
  if (plan) return plan;
  const lengths = (p[3] as number[] | undefined) || undefined;
  const typesJson = p[11] as (unknown[] | 0 | undefined)[] | undefined;
  const hasTypes = !!typesJson && typesJson.length > 0;
  plan = {
    json: p,
    callingCode: p[0] as string,
    idd: p[1],
    nationalNumberPattern: p[2] as string,
    nationalNumberRegExp: entireRegExp(p[2] as string),
    possibleLengths: lengths,
    nationalPrefix: (p[5] as string) || undefined,
    nationalPrefixForParsing: (p[7] as string) || (p[5] as string) || undefined,
    nationalPrefixTransformRule: (p[8] as string) || undefined,
    leadingDigits: (p[10] as string) || undefined,
    types: hasTypes
      ? Array.from({ length: 10 }, (_, i) => {
          const t = typesJson?.[i];
          if (!t) return undefined;
          return {
            pattern: t[0] as string,
            lengths: ((t[1] as number[] | undefined) || lengths) ?? undefined,
          };
        })
      : undefined,
  };
  plans.set(p, plan);
  return plan;
}

/** Metadata.getCountryCodesForCallingCode: the countries of a code (not the '001' pseudo-region). */
function countriesOf(callingCode: string): string[] | undefined {
  const codes = json.country_calling_codes[callingCode];
  if (!codes) return undefined;
  if (codes.length === 1 && (codes[0] as string).length === 3) return undefined;
  return codes;
}

function hasCallingCode(callingCode: string): boolean {
  if (countriesOf(callingCode)) return true;
  return !!json.nonGeographic?.[callingCode];
}

/** Metadata.selectNumberingPlan(callingCode): the main country's plan, or the non-geographic one. */
function planForCallingCode(callingCode: string): Plan | undefined {
  let plan = callingCodePlans.get(callingCode);
  if (plan === undefined) {
    const country = countriesOf(callingCode)?.[0];
    const ng = country ? undefined : json.nonGeographic?.[callingCode];
    plan = country ? (planForCountry(country) ?? null) : ng ? planOf(ng) : null;
    callingCodePlans.set(callingCode, plan);
  }
  return plan ?? undefined;
}

const countryPlans = new Map<string, Plan | null>();
const callingCodePlans = new Map<string, Plan | null>();

function planForCountry(country: string): Plan | undefined {
  let plan = countryPlans.get(country);
  if (plan === undefined) {
    const p = Object.hasOwn(json.countries, country) ? json.countries[country] : undefined;
    plan = p ? planOf(p) : null;
    countryPlans.set(country, plan);
  }
  return plan ?? undefined;
}

function mainPlan(plan: Plan): Plan | undefined {
  plan.main ??= planForCallingCode(plan.callingCode);
  return plan.main;
}

function typeOfPlan(plan: Plan, index: number): Type | undefined {
  return plan.types?.[index];
}

/** getNumberType.js isNumberTypeEqualTo. */
function isNumberTypeEqualTo(nationalNumber: string, index: number, plan: Plan): boolean {
  const t = typeOfPlan(plan, index);
  if (!t?.pattern) return false;
  if (t.lengths && t.lengths.indexOf(nationalNumber.length) < 0) return false;
  t.entire ??= entireRegExp(t.pattern);
  return t.entire.test(nationalNumber);
}

/** getNumberType.js for a plan. */
function numberType(nationalNumber: string, plan: Plan): string | undefined {
  if (!plan.nationalNumberRegExp.test(nationalNumber)) return undefined;
  if (isNumberTypeEqualTo(nationalNumber, T_FIXED_LINE, plan)) {
    const mobile = typeOfPlan(plan, T_MOBILE);
    if (mobile && mobile.pattern === '') return 'FIXED_LINE_OR_MOBILE';
    if (!mobile) return 'FIXED_LINE_OR_MOBILE';
    if (isNumberTypeEqualTo(nationalNumber, T_MOBILE, plan)) return 'FIXED_LINE_OR_MOBILE';
    return 'FIXED_LINE';
  }
  for (const t of NON_FIXED_LINE_TYPES) {
    if (isNumberTypeEqualTo(nationalNumber, t.index, plan)) return t.name;
  }
  return undefined;
}

/** checkNumberLength.js (no type): 'IS_POSSIBLE', 'TOO_SHORT', 'TOO_LONG' or 'INVALID_LENGTH'. */
function checkNumberLength(nationalNumber: string, plan: Plan): string {
  const lengths = plan.possibleLengths;
  if (!lengths) return 'IS_POSSIBLE';
  const actual = nationalNumber.length;
  const min = lengths[0] as number;
  if (min === actual) return 'IS_POSSIBLE';
  if (min > actual) return 'TOO_SHORT';
  if ((lengths[lengths.length - 1] as number) < actual) return 'TOO_LONG';
  return lengths.indexOf(actual, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

/** getCountryByNationalNumber.js. */
function countryByNationalNumber(nationalNumber: string, countries: string[]): string | undefined {
  for (const country of countries) {
    const plan = planForCountry(country);
    if (!plan) continue;
    if (plan.leadingDigits) {
      if (nationalNumber && startsWithPattern(nationalNumber, plan.leadingDigits)) return country;
    } else if (numberType(nationalNumber, plan) !== undefined) {
      return country;
    }
  }
  return undefined;
}

/** getCountryByCallingCode.js. */
function countryByCallingCode(callingCode: string, nationalNumber: string): string | undefined {
  const countries = countriesOf(callingCode);
  if (!countries) return undefined;
  if (countries.length === 1) return countries[0];
  return countryByNationalNumber(nationalNumber, countries);
}

/** extractNationalNumberFromPossiblyIncompleteNumber.js. */
function stripNationalPrefix(number: string, plan: Plan): { nationalNumber: string; carrierCode?: string } {
  const npfp = plan.nationalPrefixForParsing;
  if (number && npfp) {
    let prefixPattern = leading.get(npfp);
    if (!prefixPattern) {
      prefixPattern = new RegExp(`^(?:${npfp})`);
      leading.set(npfp, prefixPattern);
    }
    const m = prefixPattern.exec(number);
    if (m) {
      let nationalNumber: string;
      let carrierCode: string | undefined;
      const count = m.length - 1;
      const hasCapturedGroups = count > 0 && !!m[count];
      if (plan.nationalPrefixTransformRule && hasCapturedGroups) {
        nationalNumber = number.replace(prefixPattern, plan.nationalPrefixTransformRule);
        if (count > 1) carrierCode = m[1];
      } else {
        nationalNumber = number.slice(m[0].length);
        if (hasCapturedGroups) carrierCode = m[1];
      }
      return { nationalNumber, carrierCode };
    }
  }
  return { nationalNumber: number };
}

/** extractNationalNumber.js (from a complete number). */
function extractNationalNumber(number: string, plan: Plan): { nationalNumber: string; carrierCode?: string } {
  const r = stripNationalPrefix(number, plan);
  const nationalNumber = r.nationalNumber;
  if (nationalNumber !== number) {
    // shouldHaveExtractedNationalPrefix
    if (plan.nationalNumberRegExp.test(number) && !plan.nationalNumberRegExp.test(nationalNumber)) {
      return { nationalNumber: number };
    }
    if (plan.possibleLengths) {
      const country = countryByCallingCode(plan.callingCode, nationalNumber);
      const lengthPlan = country ? planForCountry(country) : plan;
      const check = lengthPlan ? checkNumberLength(nationalNumber, lengthPlan) : 'IS_POSSIBLE';
      if (check === 'TOO_SHORT' || check === 'INVALID_LENGTH') return { nationalNumber: number };
    }
  }
  return r;
}

/** stripIddPrefix.js. */
function stripIddPrefix(number: string, plan: Plan): string | undefined {
  const idd = plainRegExp(plan.idd as string);
  const m = idd.exec(number);
  const rest = m?.index === 0 ? number.slice(m[0].length) : undefined;
  if (rest === undefined || rest.charCodeAt(0) === 0x30) return undefined;
  return rest;
}

/** extractCountryCallingCodeFromInternationalNumberWithoutPlusSign.js. */
function codeWithoutPlus(number: string, plan: Plan): { callingCode: string; number: string } | undefined {
  const cc = plan.callingCode;
  if (!number.startsWith(cc)) return undefined;
  const shorter = number.slice(cc.length);
  const shorterNational = extractNationalNumber(shorter, plan).nationalNumber;
  const national = extractNationalNumber(number, plan).nationalNumber;
  if (
    (!plan.nationalNumberRegExp.test(national) && plan.nationalNumberRegExp.test(shorterNational)) ||
    checkNumberLength(national, plan) === 'TOO_LONG'
  ) {
    return { callingCode: cc, number: shorter };
  }
  return undefined;
}

/**
 * parsePhoneNumberFromString(plus ? '+' + digits : digits, { defaultCountry }) of libphonenumber-js
 * (max metadata), for ASCII digits: null where it returns undefined, undefined where this
 * module cannot answer (then the caller parses with libphonenumber-js).
 */
export function fastParse(
  digits: string,
  plus: boolean,
  defaultCountry: string | undefined,
): FastNumber | null | undefined {
  if (!SUPPORTED) return undefined;
  // parsePhoneNumber_.js: an unknown default country is dropped.
  const defaultPlan = defaultCountry ? planForCountry(defaultCountry) : undefined;
  if (!defaultPlan) defaultCountry = undefined;
  // extractCountryCallingCode.js
  let number: string | undefined = digits;
  let callingCode: string | undefined;
  let international = plus;
  if (!plus && defaultPlan) {
    const withoutIdd = stripIddPrefix(digits, defaultPlan);
    if (withoutIdd && withoutIdd !== digits) {
      international = true;
      number = withoutIdd;
    } else {
      const found = codeWithoutPlus(digits, defaultPlan);
      if (found) ({ callingCode, number } = found);
    }
  }
  if (international) {
    const n = number;
    if (n.charCodeAt(0) === 0x30) return null;
    for (let i = 1; i <= MAX_LENGTH_COUNTRY_CODE && i <= n.length; i++) {
      const cc = n.slice(0, i);
      if (hasCallingCode(cc)) {
        callingCode = cc;
        number = n.slice(i);
        break;
      }
    }
    if (callingCode === undefined) return null;
  }
  // parse.js parsePhoneNumber
  let country: string | undefined;
  let plan: Plan | undefined;
  if (callingCode !== undefined) {
    plan = planForCallingCode(callingCode);
  } else if (number && defaultPlan) {
    country = defaultCountry;
    plan = defaultPlan;
    callingCode = plan.callingCode;
  } else {
    return null;
  }
  if (!plan) return null;
  if (!number) return null;
  const { nationalNumber, carrierCode } = extractNationalNumber(number, plan);
  const exact = countryByCallingCode(callingCode, nationalNumber);
  if (exact) country = exact;
  if (!nationalNumber || nationalNumber.length < MIN_LENGTH_FOR_NSN) return null;
  if (nationalNumber.length > MAX_LENGTH_FOR_NSN) return null;
  return { countryCallingCode: callingCode, nationalNumber, country, carrierCode };
}

/** The plan libphonenumber-js selects for a parsed number: its country, else its calling code. */
function planOfNumber(n: FastNumber): Plan | undefined {
  return n.country ? planForCountry(n.country) : planForCallingCode(n.countryCallingCode);
}

/** PhoneNumber.getType(). */
export function fastType(n: FastNumber): string | undefined {
  const plan = planOfNumber(n);
  return plan ? numberType(n.nationalNumber, plan) : undefined;
}

/** PhoneNumber.isPossible(); undefined when libphonenumber-js would have to answer. */
export function fastIsPossible(n: FastNumber): boolean | undefined {
  const plan = planOfNumber(n);
  if (!plan?.possibleLengths) return undefined;
  return checkNumberLength(n.nationalNumber, plan) === 'IS_POSSIBLE';
}

interface FormatJson {
  0: string;
  1: string;
  2?: string[];
  3?: string;
  4?: number | boolean;
  5?: string;
}

/** One number format of a plan, with its rules resolved and its patterns compiled once. */
export interface Format {
  /** The format's pattern, unanchored (as libphonenumber-js replaces with it). */
  replace: RegExp;
  /** The same pattern, anchored at both ends. */
  entire: RegExp;
  /** The last of its leading-digits patterns, anchored at the start; undefined when it has none. */
  lead: RegExp | undefined;
  format: string;
  internationalFormat: string;
  /** `format` with the national prefix formatting rule applied, as parts (see substitute). */
  nationalParts: (string | number)[];
  internationalParts: (string | number)[];
  nationalPrefixFormattingRule: string | undefined;
  nationalPrefixIsOptionalWhenFormatting: boolean;
}

const formatsOfPlan = new Map<Plan, Format[]>();

/** NumberingPlan.formats(): the plan's own formats, else those of its calling code's main plan. */
function formatsOf(plan: Plan): Format[] {
  let formats = formatsOfPlan.get(plan);
  if (formats) return formats;
  const main = mainPlan(plan);
  const list =
    (plan.json[4] as FormatJson[] | undefined) || (main?.json[4] as FormatJson[] | undefined) || [];
  const planRule = (plan.json[6] as string) || (main?.json[6] as string) || undefined;
  const planOptional = !!plan.json[9] || !!main?.json[9];
  formats = list.map((f) => {
    const ld = f[2] || [];
    const last = ld[ld.length - 1];
    const rule = f[3] || planRule;
    const national = rule ? f[1].replace(FIRST_GROUP_PATTERN, rule) : f[1];
    return {
      replace: plainRegExp(f[0]),
      nationalParts: templateParts(national),
      internationalParts: templateParts(f[5] || f[1]),
      entire: new RegExp(`^(?:${f[0]})$`),
      lead: last !== undefined ? new RegExp(`^(?:${last})`) : undefined,
      format: f[1],
      internationalFormat: f[5] || f[1],
      nationalPrefixFormattingRule: rule,
      nationalPrefixIsOptionalWhenFormatting: !!f[4] || planOptional,
    };
  });
  formatsOfPlan.set(plan, formats);
  return formats;
}

/**
 * A replacement template split into literal text and group numbers ("$1-$2" → [1, '-', 2]), or
 * [template] alone (a marker that String.prototype.replace must do it) when it uses other `$`
 * forms.
 */
function templateParts(template: string): (string | number)[] {
  const parts: (string | number)[] = [];
  let lit = '';
  for (let i = 0; i < template.length; i++) {
    const c = template.charAt(i);
    if (c !== '$') {
      lit += c;
      continue;
    }
    const d = template.charCodeAt(i + 1);
    if (d < 0x31 || d > 0x39 || (template.charCodeAt(i + 2) >= 0x30 && template.charCodeAt(i + 2) <= 0x39)) {
      return [template, -1];
    }
    if (lit) parts.push(lit);
    lit = '';
    parts.push(d - 0x30);
    i++;
  }
  if (lit) parts.push(lit);
  return parts;
}

/** `s.replace(re, template)` (re not global) for a template split by templateParts. */
function substitute(s: string, re: RegExp, parts: (string | number)[]): string {
  if (parts[parts.length - 1] === -1) return s.replace(re, parts[0] as string);
  const m = re.exec(s);
  if (!m) return s;
  let out = s.slice(0, m.index);
  for (const p of parts) {
    if (typeof p === 'string') out += p;
    else if (p < m.length) out += m[p] ?? '';
    else out += `$${p}`;
  }
  return out + s.slice(m.index + m[0].length);
}

/** format.js chooseFormatForNumber. */
function chooseFormat(plan: Plan, nationalNumber: string): Format | undefined {
  for (const f of formatsOf(plan)) {
    if (f.lead && !f.lead.test(nationalNumber)) continue;
    if (f.entire.test(nationalNumber)) return f;
  }
  return undefined;
}

/**
 * The format libphonenumber uses for a national number of a region (its own formats, else those
 * of its calling code's main region), or undefined.
 */
export function formatForRegion(country: string, nationalNumber: string): Format | undefined {
  if (!SUPPORTED) return undefined;
  const plan = planForCountry(country);
  return plan ? chooseFormat(plan, nationalNumber) : undefined;
}

// applyInternationalSeparatorStyle.js: VALID_PUNCTUATION of constants.js.
const VALID_PUNCTUATION =
  '-\u2010-\u2015\u2212\u30FC\uFF0D\uFF0F/\uFF0E. \u00A0\u00AD\u200B\u2060\u3000()\uFF08\uFF09\uFF3B\uFF3D\\[\\]~\u2053\u223C\uFF5E';
const PUNCTUATION_RUN = new RegExp(`[${VALID_PUNCTUATION}]+`, 'g');

/**
 * PhoneNumber.format('NATIONAL' | 'INTERNATIONAL') of libphonenumber-js, extension included as
 * it appends it; undefined when the metadata has no plan for the number.
 */
export function fastFormat(
  n: FastNumber,
  as: 'NATIONAL' | 'INTERNATIONAL',
  ext: string | undefined,
): string | undefined {
  const plan =
    n.country && n.country !== '001' ? planForCountry(n.country) : planForCallingCode(n.countryCallingCode);
  if (!plan) return undefined;
  const nsn = n.nationalNumber;
  const f = chooseFormat(plan, nsn);
  let formatted = nsn;
  if (f) {
    if (as === 'INTERNATIONAL') {
      formatted = substitute(nsn, f.replace, f.internationalParts).replace(PUNCTUATION_RUN, ' ').trim();
    } else {
      formatted = substitute(nsn, f.replace, f.nationalParts);
    }
  }
  if (as === 'INTERNATIONAL') formatted = `+${plan.callingCode} ${formatted}`;
  if (!ext) return formatted;
  return `${formatted}${(plan.json[13] as string) || DEFAULT_EXT_PREFIX}${ext}`;
}

/** For tests: is the fast path in use (metadata in the layout it reads)? */
export const fastPathAvailable = SUPPORTED;

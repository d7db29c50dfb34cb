/**
 * Fuzzing the number engine (the library API the extension, the CLI and the background share):
 * findPhoneNumbers, parsePhone, checkNumber and scanText take any string, any options, and
 * never throw. What they return keeps its promises: offsets inside the text and
 * `raw === text.slice(start, end)`, matches sorted and disjoint, the same answer with cold and
 * warm caches, a level that follows from the reasons, and "official" only for a number an
 * official source lists. 10,000 cases each (see fuzz-config.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bundledKnowledge, checkNumber, findPhoneNumbers, parsePhone, scanText } from '../../src/core/index';
import { LEVELS } from '../../src/core/messages';
import { clearEngineCaches, type PhoneMatch } from '../../src/core/phone';
import { levelOf, type UserLists } from '../../src/core/verdict/engine';
import type { Reason, Verdict } from '../../src/core/verdict/types';
import { FUZZ_TIMEOUT, fuzzParams } from './fuzz-config';

const k = bundledKnowledge();

// ---- generators -----------------------------------------------------------------------------

/** Characters the scanner treats specially, and the ones hostile pages use to confuse it. */
const CHARS = [
  ...'0123456789',
  ...'０１２３４５６７８９',
  ...'٠١٢٣٤٥٦٧٨٩۰۴०५๑',
  '𝟎',
  '𝟏',
  '𝟗',
  '¹',
  '①',
  ...'+＋-‐‑–—−－ーｰ.．/／()（）[]［］~〜～・･#*:：,，',
  ' ',
  '\u00a0',
  '\u3000',
  '\u2009',
  '\u200b',
  '\u200e',
  '\u200f',
  '\u202e',
  '\u2066',
  '\u2069',
  '\ufeff',
  '\u00ad',
  '\u0301',
  '\ufe0f',
  '\n',
  '\t',
  '\ud800',
  '\udc00',
  ...'xXeéaZ',
  'あ',
  'カ',
  '電',
  '円',
  '¥',
  '$',
  '%',
  '〒',
  '年',
];

const TOKENS = [
  '0120-210-364',
  '0120-936-795',
  '03-1234-5678',
  '(03) 1234-5678',
  '090-1234-5678',
  '0570-000-000',
  '050-1234-5678',
  '0990-123-456',
  '0101-21729-33385',
  '+81 3 1234 5678',
  '+81-120-210-364',
  '+675 7089 1234',
  '+1 876 555 0100',
  '+1 (415) 555-0100',
  '415-555-0100',
  '+44 20 7946 0958',
  '+28 123 4567',
  '+800 1234 5678',
  '188',
  '#9110',
  '110',
  'ext. 12',
  '内線123',
  'TEL:',
  'tel:+81312345678',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '2026-11-27',
  '¥1,200',
  '〒100-0001',
  'ISBN 978-4-00-000000-0',
  '__proto__',
  'constructor',
];

/** Registry numbers as printed and as E.164, org names, scam phrases: the data's own words. */
const DATA_TOKENS = [
  ...k.numbers.flatMap((n) => [n.printed, n.e164 ?? '', n.shortCode ?? '']).filter((s) => s !== ''),
  ...k.orgs.flatMap((o) => [o.name.ja, o.name.en, ...o.aliases]),
  ...k.phraseRules.flatMap((r) => r.phrases.map((p) => p.original)),
];

const unit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CHARS) },
  { weight: 1, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 1, arbitrary: fc.constantFrom(...DATA_TOKENS) },
);

/** Phone-dense text, arbitrary Unicode (lone surrogates included), and whole graphemes. */
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
);

/** Regions as callers pass them: real ones, unknown ones, garbage and prototype keys. */
const region = fc.oneof(
  fc.constantFrom('JP', 'US', 'GB', 'DE', 'FR', 'CA', 'AU', 'ZZ', 'jp', 'us', '', '001', 'XX'),
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty'),
  fc.string({ maxLength: 4 }),
);

const lang = fc.oneof(
  fc.constantFrom('ja', 'en', 'en-GB', 'ja-JP', 'fr', 'zh_TW', '', 'x-klingon', '__proto__'),
  fc.string({ maxLength: 12 }),
);

const pageUrl = fc.oneof(
  fc.constantFrom(
    'https://www.smbc-card.com/mem/index.jsp',
    'https://example.jp/',
    'http://127.0.0.1:8080/x',
    'not a url',
    'javascript:alert(1)',
    '',
  ),
  fc.webUrl(),
  fc.string({ maxLength: 40 }),
);

const e164s = fc.oneof(
  fc.constantFrom('+81312345678', '+81120210364', '+675 7089 1234', '+447946095800'),
  fc.constantFrom(...k.numbers.flatMap((n) => (n.e164 ? [n.e164] : []))),
  fc.string({ maxLength: 16 }),
);

const userLists: fc.Arbitrary<UserLists> = fc
  .record({
    trusted: fc.array(fc.tuple(e164s, fc.string({ maxLength: 20 })), { maxLength: 4 }),
    blocked: fc.array(fc.tuple(e164s, fc.string({ maxLength: 20 })), { maxLength: 4 }),
  })
  .map(({ trusted, blocked }) => ({ trusted: new Map(trusted), blocked: new Map(blocked) }));

// ---- invariants -----------------------------------------------------------------------------

const RANK = { unknown: 0, official: 0, caution: 1, danger: 2 } as const;

/** A match read from `source`: in range and exactly the text it claims. */
function expectMatchIn(m: PhoneMatch, source: string): void {
  expect(Number.isSafeInteger(m.start) && Number.isSafeInteger(m.end)).toBe(true);
  expect(m.start).toBeGreaterThanOrEqual(0);
  expect(m.end).toBeGreaterThan(m.start);
  expect(m.end).toBeLessThanOrEqual(source.length);
  expect(m.raw).toBe(source.slice(m.start, m.end));
  expect(typeof m.valid).toBe('boolean');
  // libphonenumber's own bound: a calling code of up to 3 digits and at most 17 national digits.
  if (m.e164 !== null) expect(m.e164).toMatch(/^\+[1-9]\d{1,19}$/);
  // Valid means a full number, except a registry short code typed on its own (188, #9110).
  if (m.valid && m.type !== 'SHORT_CODE') expect(m.e164).not.toBeNull();
  if (m.ext !== undefined) expect(m.ext).toMatch(/^\d+$/);
}

function expectSortedDisjoint(matches: readonly PhoneMatch[], source: string): void {
  let last = 0;
  for (const m of matches) {
    expectMatchIn(m, source);
    expect(m.start).toBeGreaterThanOrEqual(last);
    last = m.end;
  }
}

const isOfficialRecord = (e164: string) => k.recordsForE164(e164).some((r) => r.source.kind === 'official');

/** A verdict says only what its reasons say, and "official" only on an official source's word. */
function expectSoundVerdict(v: Verdict, lists?: UserLists): void {
  expect(LEVELS).toContain(v.level);
  for (const r of v.reasons) {
    expect(r.code).toMatch(/^[a-z][a-z-]+$/);
    expect(['info', 'caution', 'danger']).toContain(r.severity);
  }
  expect(v.level).toBe(levelOf(v.reasons));
  const codes = v.reasons.map((r: Reason) => r.code);
  if (v.level === 'official') {
    expect(codes).toContain('registry-official');
    expect(v.reasons.every((r) => r.severity === 'info')).toBe(true);
    // A full number must be in the registry from an official source (short codes have no E.164).
    if (v.e164 !== null) expect(isOfficialRecord(v.e164)).toBe(true);
    expect(v.org).toBeDefined();
  }
  if (codes.includes('registry-secondary') && !codes.includes('registry-official')) {
    expect(v.level).not.toBe('official');
  }
  if (codes.includes('user-trusted')) {
    expect(v.level).toBe('unknown');
    expect(lists).toBeDefined();
  }
  if (codes.includes('user-blocked')) expect(v.level).toBe('danger');
  // Verdicts travel in extension messages: plain data only.
  expect(JSON.parse(JSON.stringify(v))).toEqual(v);
}

// ---- properties -----------------------------------------------------------------------------

describe('engine fuzzing (10,000 cases each)', () => {
  it('findPhoneNumbers: never throws; sorted, disjoint, exact offsets; same answer with cold caches', {
    timeout: FUZZ_TIMEOUT,
  }, () => {
    const options = fc.record(
      {
        region,
        leniency: fc.constantFrom('POSSIBLE', 'VALID', 'STRICT_GROUPING', 'EXACT_GROUPING') as fc.Arbitrary<
          'POSSIBLE' | 'VALID'
        >,
        reportMalformed: fc.boolean(),
        fallbackRegions: fc.array(region, { maxLength: 3 }),
        maxTries: fc.oneof(fc.integer({ min: -1, max: 50 }), fc.constant(Number.POSITIVE_INFINITY)),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(text, options, (t, o) => {
        const warm = findPhoneNumbers(t, o);
        expectSortedDisjoint(warm, t);
        if (o.reportMalformed === false) expect(warm.every((m) => m.valid)).toBe(true);
        clearEngineCaches();
        expect(findPhoneNumbers(t, o)).toEqual(warm);
      }),
      fuzzParams,
    );
  });

  it('parsePhone: never throws; null without digits, else an exact slice of the input', {
    timeout: FUZZ_TIMEOUT,
  }, () => {
    fc.assert(
      fc.property(text, region, (t, r) => {
        const m = parsePhone(t, { region: r });
        if (!/[0-9０-９٠-٩۰-۹०-९๐-๙]/.test(t)) expect(m).toBeNull();
        if (m) expectMatchIn(m, t);
      }),
      fuzzParams,
    );
  });

  it('checkNumber: never throws; an exact slice of the input with a sound verdict', {
    timeout: FUZZ_TIMEOUT,
  }, () => {
    const options = fc.record({ region, context: text, lang, userLists }, { requiredKeys: [] });
    fc.assert(
      fc.property(text, options, (t, o) => {
        const report = checkNumber(t, o);
        if (!report) return;
        expectMatchIn(report, t);
        expectSoundVerdict(report.verdict, o.userLists);
        if (report.verdict.level === 'official' && report.verdict.e164 === null) {
          expect(report.type).toBe('SHORT_CODE');
        }
      }),
      fuzzParams,
    );
  });

  it('scanText: never throws; every number exact and sound; the page at least caution when a number is, danger only when it is the scam', {
    timeout: FUZZ_TIMEOUT,
  }, () => {
    const options = fc.record({ region, lang, pageUrl, pageTitle: text, userLists }, { requiredKeys: [] });
    fc.assert(
      fc.property(text, options, (t, o) => {
        const { numbers, page } = scanText(t, o);
        expectSortedDisjoint(numbers, t);
        let worst = 0;
        for (const n of numbers) {
          expectSoundVerdict(n.verdict, o.userLists);
          if (n.verdict.level === 'official') expect(n.verdict.e164).not.toBeNull();
          worst = Math.max(worst, RANK[n.verdict.level]);
        }
        expect(LEVELS).toContain(page.level);
        expect(RANK[page.level]).toBeGreaterThanOrEqual(Math.min(worst, RANK.caution));
        if (page.level === 'danger') {
          // Impersonation, a number made dangerous by the wording next to it, or two kinds of
          // scam wording on the page (then the page reasons say so).
          const scamPage =
            numbers.some((n) =>
              n.verdict.reasons.some(
                (r) =>
                  r.code === 'impersonation' || (r.code === 'scam-context' && n.verdict.level === 'danger'),
              ),
            ) || page.reasons.some((r) => r.code === 'scam-context' && r.params.categories.length >= 2);
          expect(scamPage).toBe(true);
        }
        if (page.level === 'official') {
          expect(numbers.length).toBeGreaterThan(0);
          expect(numbers.every((n) => n.verdict.level === 'official')).toBe(true);
        }
        expect(JSON.parse(JSON.stringify(page))).toEqual(page);
      }),
      fuzzParams,
    );
  });
});

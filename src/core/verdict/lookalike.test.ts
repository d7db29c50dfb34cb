import { describe, expect, it } from 'vitest';
import { checkNumber, scanText } from '../index';
import { printedToDeceive } from './lookalike';

// 06-6445-3474 is an official number of Sumitomo Mitsui Card in the bundled registry.
const OFFICIAL = '06-6445-3474';

describe('printedToDeceive', () => {
  it('accepts plain prints: ASCII and full-width digits, visible separators, Japanese around them', () => {
    for (const [raw, nearby] of [
      [OFFICIAL, `お問い合わせ ${OFFICIAL}（平日9:00〜17:00）`],
      ['０６－６４４５－３４７４', 'TEL：０６－６４４５－３４７４まで'],
      ['06-6445-347４', '電話06-6445-347４へ'],
      [OFFICIAL, `TEL:${OFFICIAL}FAX:06-6445-3475`],
      ['+81 6 6445 3474', 'Call +81 6 6445 3474.'],
    ] as const) {
      expect(printedToDeceive(raw, nearby), `${raw} in ${nearby}`).toBe(false);
    }
  });

  it('rejects other scripts’ digits, hidden characters and combining marks inside the number', () => {
    for (const raw of [
      '06-6\u09ea45-3474', // Bengali four, reads as 8
      '\u0660\u0666-\u0666\u0664\u0664\u0665-\u0663\u0664\u0667\u0664', // Arabic-Indic
      '\u06f0\u06f6-\u06f6\u06f4\u06f4\u06f5-\u06f3\u06f4\u06f7\u06f4', // Persian
      '06-6445-\u200b3474',
      '06-6445\u00ad-3474',
      '06-6445-3474\u20e3',
    ]) {
      expect(printedToDeceive(raw, raw), JSON.stringify(raw)).toBe(true);
    }
  });

  it('rejects a number with a digit, hidden character or digit-like letter glued to it', () => {
    for (const nearby of [
      `${OFFICIAL}\u{1d7d2}`, // mathematical bold 4
      `${OFFICIAL}\u200d5`,
      `${OFFICIAL}\u200b5`,
      `${OFFICIAL}\ufeff5`,
      `${OFFICIAL}5`, // "06-6445-3474<span>5</span>": the next element's digit
      `${OFFICIAL}\u041e`, // Cyrillic O
      `1${OFFICIAL}`,
      `${OFFICIAL}\u3007`,
    ]) {
      expect(printedToDeceive(OFFICIAL, nearby), JSON.stringify(nearby)).toBe(true);
    }
  });

  it('rejects a number inside a bidi embedding, override or isolate, not one after a closed one', () => {
    expect(printedToDeceive(OFFICIAL, `\u202e${OFFICIAL}\u202c`)).toBe(true);
    expect(printedToDeceive(OFFICIAL, `\u2067${OFFICIAL}\u2069`)).toBe(true);
    expect(printedToDeceive(OFFICIAL, `\u202eお問い合わせ先は ${OFFICIAL}`)).toBe(true);
    expect(printedToDeceive(OFFICIAL, `\u202eお知らせ\u202c お問い合わせ先は ${OFFICIAL}`)).toBe(false);
    expect(printedToDeceive(OFFICIAL, `お問い合わせ先は ${OFFICIAL} \u2067عربي\u2069`)).toBe(false);
  });
});

describe('lookalike prints of an official number', () => {
  it('keeps the plain and full-width prints official (the control)', () => {
    expect(checkNumber(OFFICIAL, { region: 'JP' })?.verdict.level).toBe('official');
    expect(checkNumber('０６－６４４５－３４７４', { region: 'JP' })?.verdict.level).toBe('official');
  });

  it('never calls a lookalike official: caution, naming whose number it imitates', () => {
    for (const input of [
      '06-6\u09ea45-3474',
      '\u0660\u0666-\u0666\u0664\u0664\u0665-\u0663\u0664\u0667\u0664',
      '06-6445-347\u0664',
      '06-6445-\u200b3474',
      `\u202e${OFFICIAL}\u202c`,
    ]) {
      const verdict = checkNumber(input, { region: 'JP' })?.verdict;
      expect(verdict?.level, JSON.stringify(input)).toBe('caution');
      expect(verdict?.org).toBeUndefined();
      expect(verdict?.reasons.map((r) => r.code)).toContain('lookalike-characters');
      expect(verdict?.reasons.map((r) => r.code)).not.toContain('registry-official');
    }
  });

  it('in page text: hidden digits glued on, mathematical digits, reversed text', () => {
    for (const text of [
      `お問い合わせ ${OFFICIAL}\u{1d7d2}`,
      `お問い合わせ ${OFFICIAL}\u200d5`,
      `お問い合わせ ${OFFICIAL}\u200b5`,
      `お問い合わせ \u202e${OFFICIAL}\u202c`,
      // Joiners and byte order marks between the groups: the screen shows the number whole.
      'お問い合わせ 06\u200c6445\u200c3474',
      'お問い合わせ 06-6445\u200d-3474',
      'お問い合わせ 06\ufeff6445\ufeff3474',
    ]) {
      const levels = scanText(text, { region: 'JP' }).numbers.map((n) => n.verdict.level);
      expect(levels, JSON.stringify(text)).not.toContain('official');
      expect(levels, JSON.stringify(text)).toContain('caution');
    }
    // Mathematical digits alone are not read as digits: no number, no verdict.
    expect(
      scanText('お問い合わせ \u{1d7ce}\u{1d7d4}-\u{1d7d4}\u{1d7d2}\u{1d7d2}\u{1d7d3}', { region: 'JP' })
        .numbers,
    ).toEqual([]);
  });

  it('does not let a lookalike borrow the trust the user gave the real number', () => {
    const userLists = { trusted: new Map([['+81664453474', 'my card']]), blocked: new Map() };
    expect(checkNumber(OFFICIAL, { region: 'JP', userLists })?.verdict.reasons[0]?.code).toBe('user-trusted');
    const spoof = checkNumber('06-6\u09ea45-3474', { region: 'JP', userLists })?.verdict;
    expect(spoof?.level).toBe('caution');
    expect(spoof?.reasons.map((r) => r.code)).not.toContain('user-trusted');
  });

  it('still finds the danger in a premium-rate number with invisible joiners between its digits', () => {
    for (const hidden of ['\u200c', '\u200d', '\u2060', '\ufeff']) {
      const text = `鑑定のご予約は 0990${hidden}123${hidden}456 まで`;
      expect(scanText(text, { region: 'JP' }).numbers.map((n) => n.verdict.level)).toEqual(['danger']);
    }
  });

  it('still finds the danger in a premium-rate number written with other digits', () => {
    expect(
      checkNumber('\u0660\u0669\u0669\u0660-\u0661\u0662\u0663-\u0664\u0665\u0666', { region: 'JP' })?.verdict
        .level,
    ).toBe('danger');
  });
});

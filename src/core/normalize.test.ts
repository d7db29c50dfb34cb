import { describe, expect, it } from 'vitest';
import {
  CLASS,
  DIGIT,
  digitsOnly,
  digitValue,
  hasDigit,
  LATIN,
  LEAD,
  MONEY,
  PUNCT,
  toAsciiLookalike,
} from './normalize';

describe('normalize', () => {
  it('reads decimal digits of any script we support', () => {
    for (const [c, v] of [
      ['7', 7],
      ['７', 7],
      ['٧', 7],
      ['۷', 7],
      ['७', 7],
    ] as const) {
      expect((CLASS[c.charCodeAt(0)] as number) & DIGIT).toBeTruthy();
      expect(digitValue(c.charCodeAt(0))).toBe(v);
    }
    expect(digitsOnly('＋８１ (0)３-１２３４')).toBe('81031234');
  });

  it('finds a digit by regular expression exactly where the class table has one', () => {
    for (let c = 0; c < 0x10000; c++) {
      const inTable = ((CLASS[c] as number) & DIGIT) !== 0;
      if (hasDigit(`ab${String.fromCharCode(c)}cd`) !== inTable) expect.fail(`U+${c.toString(16)}`);
    }
    expect(hasDigit('お問い合わせ窓口 (平日)')).toBe(false);
    expect(hasDigit('受付 ９時')).toBe(true);
  });

  it('maps full-width forms, Unicode spaces and dashes to ASCII one unit for one unit', () => {
    const s = '＋８１\u3000（０３）\u00a0１２３４‐５６７８～ー';
    const a = toAsciiLookalike(s);
    expect(a).toBe('+81 (03) 1234-5678~-');
    expect(a.length).toBe(s.length);
  });

  it('classes separators, openers, Latin letters and money signs', () => {
    const cls = (c: string): number => CLASS[c.charCodeAt(0)] as number;
    for (const c of [
      ' ',
      '\u00a0',
      '\u3000',
      '-',
      '‐',
      '–',
      '—',
      '−',
      'ー',
      '－',
      '.',
      '/',
      '(',
      '）',
      '~',
      '～',
    ]) {
      expect(cls(c) & PUNCT, c).toBeTruthy();
    }
    for (const c of ['+', '＋', '(', '（', '[']) expect(cls(c) & LEAD, c).toBeTruthy();
    for (const c of ['a', 'Z', 'é', 'ｘ']) expect(cls(c) & LATIN, c).toBeTruthy();
    for (const c of ['$', '¥', '￥', '€', '%', '％']) expect(cls(c) & MONEY, c).toBeTruthy();
    for (const c of ['あ', '電', ':']) expect(cls(c), c).toBe(0);
  });
});

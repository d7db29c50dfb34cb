import { describe, expect, it } from 'vitest';
import { checkNumber, scanText } from '../index';
import { readLettersAsDigits } from './letters';

const codes = (input: string, region = 'US') =>
  checkNumber(input, { region })?.verdict.reasons.map((r) => r.code) ?? null;

describe('readLettersAsDigits', () => {
  it('reads an O as 0 and an I or l as 1 inside words of digits, one character for one', () => {
    expect(readLettersAsDigits('Call 1-8OO-555-O1OO now')).toBe('Call 1-800-555-0100 now');
    expect(readLettersAsDigits('O9O-l234-5678')).toBe('090-1234-5678');
    expect(readLettersAsDigits('０１２Ｏ－１２３－４５６')).toBe('０１２０－１２３－４５６');
  });

  it('leaves words, codes glued to letters, and text without such letters alone', () => {
    for (const text of ['ISO 9001', 'SKU1O2-345', 'iPhone 15', 'Hello world', '0120-123-456', 'OOO-IIII']) {
      expect(readLettersAsDigits(text), text).toBeNull();
    }
  });
});

describe('a lookup written with letters for digits', () => {
  it('is checked as the digits it imitates, with a caution that says how it was written', () => {
    const report = checkNumber('Your card is locked. Call 1-8OO-555-O1OO', { region: 'US' });
    expect(report?.e164).toBe('+18005550100');
    expect(report?.raw).toBe('1-8OO-555-O1OO');
    expect(report?.verdict.level).toBe('caution');
    expect(report?.verdict.reasons).toContainEqual({
      code: 'letters-for-digits',
      severity: 'caution',
      params: { printed: '1-8OO-555-O1OO' },
    });
  });

  it('keeps what the digits are: a premium-rate number stays dangerous', () => {
    expect(checkNumber('+1 9OO 555 O1OO', { region: 'US' })?.verdict.level).toBe('danger');
    expect(codes('+1 9OO 555 O1OO')).toEqual(expect.arrayContaining(['premium-rate', 'letters-for-digits']));
    expect(checkNumber('鑑定は O99O-123-456 へ', { region: 'JP' })?.verdict.level).toBe('danger');
  });

  it('never calls an official number written with letters official', () => {
    // 06-6445-3474 is an official number of Sumitomo Mitsui Card in the bundled registry.
    expect(checkNumber('06-6445-3474', { region: 'JP' })?.verdict.level).toBe('official');
    const spoof = checkNumber('O6-6445-3474', { region: 'JP' })?.verdict;
    expect(spoof?.level).toBe('caution');
    expect(spoof?.org).toBeUndefined();
    expect(spoof?.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(['lookalike-characters', 'letters-for-digits']),
    );
  });

  it('changes nothing for a number written in digits, or for page scans', () => {
    expect(codes('1-800-555-0100')).not.toContain('letters-for-digits');
    // Letters for digits elsewhere in the text do not count against the number looked up.
    expect(codes('Call 1-800-555-0100, ref. IO9')).not.toContain('letters-for-digits');
    // A page's numbers come from the page scanner, which does not read letters as digits.
    expect(scanText('Call 1-8OO-555-O1OO now', { region: 'US' }).numbers).toEqual([]);
  });
});

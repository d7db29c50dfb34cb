import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reasonSamples } from '../../test/unit/reason-samples';
import { reasonText } from './reason-text';

const load = (lang: string): Record<string, string> => {
  const messages = JSON.parse(
    readFileSync(new URL(`../../public/_locales/${lang}/messages.json`, import.meta.url), 'utf8'),
  ) as Record<string, { message: string }>;
  return Object.fromEntries(Object.entries(messages).map(([k, v]) => [k, v.message]));
};

describe('reasons on the card and the banner', () => {
  for (const lang of ['ja', 'en'] as const) {
    const strings = load(lang);
    for (const [code, reason] of Object.entries(reasonSamples)) {
      it(`${code} in ${lang}: words on the card, a shorter line on the banner, no keys or placeholders`, () => {
        const card = reasonText(reason, strings, lang);
        const banner = reasonText(reason, strings, lang, true);
        for (const line of [card, banner]) {
          expect(line.trim()).not.toBe('');
          expect(line).not.toMatch(/\$\d|card_|banner_|_reason/);
        }
        expect(banner.length).toBeLessThanOrEqual(card.length);
      });
    }
  }

  it('leaves the rule description to the card', () => {
    const strings = load('en');
    const premium = reasonSamples['premium-rate'];
    expect(reasonText(premium, strings, 'en')).toBe('Premium-rate number: Rule description');
    expect(reasonText(premium, strings, 'en', true)).toBe('Premium-rate number');
    expect(reasonText(premium, load('ja'), 'ja')).toBe('高額な有料番号：規則の説明');
  });

  it('names the impersonated company on the banner in a few words', () => {
    const line = reasonText(reasonSamples.impersonation, load('ja'), 'ja', true);
    expect(line).toBe('「テスト銀行」の名前の近くに、テスト銀行のものではない番号');
  });
});

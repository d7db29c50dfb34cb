import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Messages = Record<string, { message: string; placeholders?: Record<string, unknown> }>;
const load = (lang: string): Messages =>
  JSON.parse(readFileSync(new URL(`../../public/_locales/${lang}/messages.json`, import.meta.url), 'utf8'));

describe('locales', () => {
  const en = load('en');
  const ja = load('ja');

  it('has every key in both Japanese and English', () => {
    expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  });

  it('has no empty message and the same placeholders in both languages', () => {
    for (const [key, value] of Object.entries(en)) {
      expect(value.message.trim(), key).not.toBe('');
      expect(ja[key]?.message.trim(), key).not.toBe('');
      expect(Object.keys(ja[key]?.placeholders ?? {}), key).toEqual(Object.keys(value.placeholders ?? {}));
    }
  });

  it('localises every __MSG_ string the manifest uses', () => {
    const manifest = readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8');
    for (const [, key] of manifest.matchAll(/__MSG_(\w+)__/g)) {
      expect(en[key as string], key).toBeDefined();
    }
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMessage, joinList, type LocaleTable, local, translator } from './format';

const load = (lang: string): LocaleTable =>
  JSON.parse(readFileSync(new URL(`../../public/_locales/${lang}/messages.json`, import.meta.url), 'utf8'));

describe('formatMessage', () => {
  it('fills named placeholders from their $n content, case-insensitively', () => {
    const entry = {
      message: '$ORG$ said $What$ ($ORG$)',
      placeholders: { org: { content: '$1' }, what: { content: '“$2”' } },
    };
    expect(formatMessage(entry, ['Bank', 'hello'])).toBe('Bank said “hello” (Bank)');
  });

  it('accepts a single string and bare $n, and turns $$ into $', () => {
    expect(formatMessage({ message: 'Version $1 costs $$5' }, '1.2')).toBe('Version 1.2 costs $5');
  });

  it('leaves unknown placeholders visible and missing values empty', () => {
    const entry = { message: '$A$ and $B$', placeholders: { a: { content: '$1' } } };
    expect(formatMessage(entry)).toBe(' and $B$');
  });

  it('never re-reads substituted text: a value containing $1 or $NAME$ stays literal', () => {
    const entry = {
      message: 'Note: $NOTE$ / $N2$',
      placeholders: { note: { content: '$1' }, n2: { content: '$2' } },
    };
    expect(formatMessage(entry, ['$2 $NOTE$ $$', 'x'])).toBe('Note: $2 $NOTE$ $$ / x');
  });
});

describe('translator over the real locale files', () => {
  const en = translator(load('en'));
  const ja = translator(load('ja'));

  it('returns the key for a missing message', () => {
    expect(en('no_such_key')).toBe('no_such_key');
  });

  it('matches what i18n.getMessage gives for placeholders', () => {
    expect(en('options_about_version', '1.0.0')).toBe('Version 1.0.0');
    expect(ja('options_import_done', ['2', '3'])).toBe(
      '信頼する番号を 2 件、ブロックする番号を 3 件読み込みました。',
    );
    expect(en('options_import_done', ['2', '3'])).toBe('Imported 2 trusted and 3 blocked numbers.');
  });

  it('fills every placeholder of every popup/options/reason message in both languages', () => {
    for (const [name, table] of [
      ['en', load('en')],
      ['ja', load('ja')],
    ] as const) {
      const tr = translator(table);
      for (const [key, entry] of Object.entries(table)) {
        if (!/^(popup|options|reason|level)_/.test(key)) continue;
        const n = Object.keys(entry.placeholders ?? {}).length;
        const subs = Array.from({ length: n }, (_, i) => `«${i + 1}»`);
        const out = tr(key, subs);
        expect(out, `${name} ${key}`).not.toMatch(/\$[A-Za-z0-9_@]+\$/);
        for (const s of subs) expect(out, `${name} ${key}`).toContain(s);
      }
    }
  });
});

describe('local and joinList', () => {
  it('picks the language and falls back to the other', () => {
    expect(local({ ja: '日本', en: 'Japan' }, 'ja')).toBe('日本');
    expect(local({ ja: '', en: 'Japan' }, 'ja')).toBe('Japan');
    expect(local({ ja: '日本', en: '' }, 'en')).toBe('日本');
    expect(local(undefined, 'en')).toBe('');
  });
  it('joins lists the way each language does', () => {
    expect(joinList(['a', 'b'], 'ja')).toBe('a、b');
    expect(joinList(['a', 'b'], 'en')).toBe('a, b');
  });
});

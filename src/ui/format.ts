/**
 * The _locales message format, done by hand so the popup and options can show a language other
 * than the browser's (the `language` setting): `$NAME$` names a placeholder whose `content`
 * holds `$1`…`$9`, `$$` is a literal dollar. Pure: no DOM, no extension API (unit-tested in Node).
 *
 * Substituted values are inserted once and never re-read, so a number or note that contains
 * `$1` or `$NAME$` stays literal text.
 */

export interface LocaleEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

export type LocaleTable = Record<string, LocaleEntry>;

/** Looks a message up and fills it in; `subs` as in `i18n.getMessage`. */
export type Translate = (key: string, subs?: string | readonly string[]) => string;

const toList = (subs?: string | readonly string[]): readonly string[] =>
  subs === undefined ? [] : typeof subs === 'string' ? [subs] : subs;

export function formatMessage(entry: LocaleEntry, subs?: string | readonly string[]): string {
  const values = toList(subs);
  const placeholders = new Map<string, string>();
  for (const [name, p] of Object.entries(entry.placeholders ?? {})) {
    placeholders.set(name.toLowerCase(), p.content);
  }
  const positional = (digit: string): string => values[Number(digit) - 1] ?? '';
  return entry.message.replace(
    /\$\$|\$([A-Za-z0-9_@]+)\$|\$([1-9])/g,
    (whole, name?: string, digit?: string) => {
      if (whole === '$$') return '$';
      if (digit) return positional(digit);
      const content = placeholders.get((name ?? '').toLowerCase());
      if (content === undefined) return whole;
      return content.replace(/\$\$|\$([1-9])/g, (w, d?: string) => (w === '$$' ? '$' : positional(d ?? '')));
    },
  );
}

/** A `t` over one locale table; a missing key comes back as the key itself, so gaps show. */
export function translator(table: LocaleTable): Translate {
  return (key, subs) => {
    const entry = table[key];
    return entry ? formatMessage(entry, subs) : key;
  };
}

export type Lang = 'ja' | 'en';

/** Picks the reader's language from a {ja, en} pair, falling back to the other one. */
export function local(text: { ja: string; en: string } | undefined, lang: Lang): string {
  if (!text) return '';
  return (lang === 'ja' ? text.ja || text.en : text.en || text.ja) ?? '';
}

/** Lists in the reader's language: 「A、B」 / "A, B". */
export function joinList(items: readonly string[], lang: Lang): string {
  return items.join(lang === 'ja' ? '、' : ', ');
}

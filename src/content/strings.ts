import type { ContentUi } from '../core/messages';
import { send } from '../messaging/send';

export type UiLang = 'ja' | 'en';

/** Cards and banners speak the page's language when it is ja or en, else the browser's. */
export function pageUiLang(fallback: UiLang): UiLang {
  const lang = (document.documentElement.lang || '').toLowerCase();
  if (lang.startsWith('ja')) return 'ja';
  if (lang.startsWith('en')) return 'en';
  return fallback;
}

const loaded = new Map<UiLang, Promise<ContentUi>>();

/** Strings and styles of cards and banners, fetched from the background once per page and language. */
export function contentUi(lang: UiLang): Promise<ContentUi> {
  let ui = loaded.get(lang);
  if (!ui) {
    ui = send({ kind: 'content/ui', lang });
    ui.catch(() => loaded.delete(lang));
    loaded.set(lang, ui);
  }
  return ui;
}

/** A string with $1, $2 … replaced; the key itself when missing, so a gap is visible. */
export function fill(table: Record<string, string>, key: string, ...subs: string[]): string {
  const message = table[key] ?? key;
  return message.replace(/\$(\d)/g, (_m, n: string) => subs[Number(n) - 1] ?? '');
}

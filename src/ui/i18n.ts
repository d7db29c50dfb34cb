import browser from 'webextension-polyfill';
import { type Lang, type LocaleTable, type Translate, translator } from './format';

/**
 * Every user-visible string comes from _locales (en, ja); a unit test fails when a key is
 * missing in either language. Returns the key itself when a message is missing, so a gap is
 * visible rather than blank.
 *
 * The `language` setting ('auto' | 'ja' | 'en') overrides the browser language in the popup and
 * options: for an explicit choice we load that locale's messages.json (an extension file, no
 * network) and fill placeholders ourselves (format.ts); 'auto' uses `i18n.getMessage`.
 * The choice is also remembered in the pages' own localStorage so the popup can open in the
 * right language without waiting for the background.
 */

export type LanguagePref = 'auto' | Lang;

const CACHE_KEY = 'cbg:language';

let table: Translate | null = null;
let current: Lang | null = null;

export function browserLanguage(): Lang {
  return browser.i18n.getUILanguage().toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function t(key: string, substitutions?: string | readonly string[]): string {
  if (table) return table(key, substitutions);
  return browser.i18n.getMessage(key, substitutions as string | string[] | undefined) || key;
}

/** The language the pages are showing now. */
export function uiLanguage(): Lang {
  return current ?? browserLanguage();
}

/** The last language choice this device saw (localStorage), 'auto' when none. */
export function cachedLanguagePref(): LanguagePref {
  try {
    const v = localStorage.getItem(CACHE_KEY);
    return v === 'ja' || v === 'en' ? v : 'auto';
  } catch {
    return 'auto';
  }
}

const loaded = new Map<Lang, Promise<Translate>>();

function loadTable(lang: Lang): Promise<Translate> {
  let p = loaded.get(lang);
  if (!p) {
    p = fetch(browser.runtime.getURL(`_locales/${lang}/messages.json`))
      .then((r) => r.json() as Promise<LocaleTable>)
      .then(translator);
    loaded.set(lang, p);
  }
  return p;
}

/**
 * Switches the strings `t` returns. Resolves once they are ready; a failure to read the file
 * leaves the browser language in place. Returns whether the language changed.
 */
export async function setLanguage(pref: LanguagePref): Promise<boolean> {
  try {
    localStorage.setItem(CACHE_KEY, pref);
  } catch {
    // Storage can be unavailable (private windows): the setting itself lives in the background.
  }
  const before = uiLanguage();
  const wanted = pref === 'auto' ? browserLanguage() : pref;
  if (pref === 'auto' || wanted === browserLanguage()) {
    table = null;
    current = wanted;
  } else {
    try {
      table = await loadTable(wanted);
      current = wanted;
    } catch {
      table = null;
      current = browserLanguage();
    }
  }
  document.documentElement.lang = uiLanguage();
  return before !== uiLanguage();
}

import { ext } from './ext';
import { type Lang, type LocaleTable, type Translate, translator } from './format';

/**
 * Every user-visible string comes from _locales (en, ja); a unit test fails when a key is
 * missing in either language. Returns the key itself when a message is missing, so a gap is
 * visible rather than blank.
 *
 * The `language` setting ('auto' | 'ja' | 'en') overrides the browser language in the popup and
 * options: for an explicit choice we load that locale's messages.json (an extension file, no
 * network) and fill placeholders ourselves (format.ts); 'auto' uses `i18n.getMessage`.
 * The choice is also remembered in the pages' own localStorage, with the other language's
 * messages once they have been read, so the popup can render its first frame in the right
 * language synchronously, without waiting for the background, storage or a file.
 */

export type LanguagePref = 'auto' | Lang;

const CACHE_KEY = 'cbg:language';

let table: Translate | null = null;
let current: Lang | null = null;

export function browserLanguage(): Lang {
  return ext().i18n.getUILanguage().toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export function t(key: string, substitutions?: string | readonly string[]): string {
  if (table) return table(key, substitutions);
  return ext().i18n.getMessage(key, substitutions as string | string[] | undefined) || key;
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

/** Where a language's messages are kept for the next synchronous start (with the version). */
const tableKey = (lang: Lang) => `cbg:messages:${lang}`;
const version = () => ext().runtime.getManifest().version;

function loadTable(lang: Lang): Promise<Translate> {
  let p = loaded.get(lang);
  if (!p) {
    p = fetch(ext().runtime.getURL(`_locales/${lang}/messages.json`))
      .then((r) => r.json() as Promise<LocaleTable>)
      .then((messages) => {
        try {
          localStorage.setItem(tableKey(lang), JSON.stringify({ version: version(), messages }));
        } catch {
          // No localStorage: the next start reads the file again.
        }
        return translator(messages);
      });
    p.catch(() => loaded.delete(lang));
    loaded.set(lang, p);
  }
  return p;
}

/** The messages kept by an earlier `loadTable` of this version, or null. */
function cachedTable(lang: Lang): Translate | null {
  try {
    const kept = JSON.parse(localStorage.getItem(tableKey(lang)) ?? 'null') as {
      version?: string;
      messages?: LocaleTable;
    } | null;
    return kept?.version === version() && kept.messages ? translator(kept.messages) : null;
  } catch {
    return null;
  }
}

/**
 * The first frame's language, chosen synchronously from what localStorage remembers: the browser
 * language, or the other one when its messages were kept by an earlier start. Returns false in
 * the one case it cannot settle at once (another language chosen but its messages not kept);
 * `setLanguage(cachedLanguagePref())` then reads the file.
 */
export function startLanguage(): boolean {
  const pref = cachedLanguagePref();
  const wanted = pref === 'auto' ? browserLanguage() : pref;
  if (wanted === browserLanguage()) {
    table = null;
    current = wanted;
  } else {
    const kept = cachedTable(wanted);
    if (!kept) return false;
    // Kept, not trusted for good: the next setLanguage reads the file again and keeps that.
    table = kept;
    current = wanted;
  }
  document.documentElement.lang = wanted;
  return true;
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

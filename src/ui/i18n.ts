import browser from 'webextension-polyfill';

/**
 * Every user-visible string comes from _locales (en, ja); a unit test fails when a key is
 * missing in either language. Returns the key itself when a message is missing, so a gap is
 * visible rather than blank.
 */
export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}

export function uiLanguage(): 'ja' | 'en' {
  return browser.i18n.getUILanguage().toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

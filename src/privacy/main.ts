/**
 * The privacy policy, inside the extension (ja/en, strings from _locales). Linked from the
 * options page (About) and the popup (missed-call notes). Plain DOM with textContent only.
 *
 * Language: `?lang=ja|en` (the linking page passes its own), else the language chosen in
 * Callback Guard's settings as the popup and options remember it, else the browser's. The
 * messages are read from the extension's own _locales files; the remembered choice is read,
 * never changed, here.
 */
import browser from 'webextension-polyfill';
import { type Lang, type LocaleTable, translator } from '../ui/format';
import { browserLanguage, cachedLanguagePref } from '../ui/i18n';

/** Headings and paragraphs, in order (keys in _locales/<lang>/messages.json). */
export const SECTIONS: ReadonlyArray<{ id: string; heading: string; paragraphs: string[] }> = [
  { id: 'reads', heading: 'privacy_reads_heading', paragraphs: ['privacy_reads', 'privacy_reads_typed'] },
  {
    id: 'stores',
    heading: 'privacy_stores_heading',
    paragraphs: ['privacy_stores', 'privacy_stores_session', 'privacy_stores_control'],
  },
  { id: 'network', heading: 'privacy_network_heading', paragraphs: ['privacy_network'] },
  { id: 'never', heading: 'privacy_never_heading', paragraphs: ['privacy_never'] },
];

function chosenLanguage(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'ja' || asked === 'en') return asked;
  const pref = cachedLanguagePref();
  return pref === 'auto' ? browserLanguage() : pref;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text: string,
  id?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.textContent = text;
  if (id) e.id = id;
  return e;
}

async function show(): Promise<void> {
  const lang = chosenLanguage();
  const res = await fetch(browser.runtime.getURL(`_locales/${lang}/messages.json`));
  const t = translator((await res.json()) as LocaleTable);
  document.documentElement.lang = lang;
  document.title = t('privacy_title');
  const main = document.getElementById('privacy') as HTMLElement;
  main.append(el('h1', t('privacy_title')), el('p', t('privacy_summary'), 'privacy-summary'));
  for (const s of SECTIONS) {
    const section = document.createElement('section');
    section.setAttribute('aria-labelledby', `privacy-${s.id}`);
    section.dataset.privacy = s.id;
    section.append(el('h2', t(s.heading), `privacy-${s.id}`), ...s.paragraphs.map((k) => el('p', t(k))));
    main.append(section);
  }
  main.append(el('p', t('privacy_version'), 'privacy-version'));
  main.setAttribute('aria-busy', 'false');
}

void show();

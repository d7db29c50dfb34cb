/**
 * Services for the in-page UI: strings in the page's language, opening the protocol page.
 * The content script cannot read our _locales files itself without exposing them to every
 * page (web_accessible_resources), so it asks here, once per page that needs a card or banner.
 */
import browser from 'webextension-polyfill';
import type { Handlers } from './router';

type Messages = Record<string, { message: string }>;
const cache = new Map<'ja' | 'en', Promise<Record<string, string>>>();

async function loadStrings(lang: 'ja' | 'en'): Promise<Record<string, string>> {
  const res = await fetch(browser.runtime.getURL(`_locales/${lang}/messages.json`));
  const messages = (await res.json()) as Messages;
  const out: Record<string, string> = {};
  for (const [key, { message }] of Object.entries(messages)) out[key] = message;
  return out;
}

export function stringsFor(lang: 'ja' | 'en'): Promise<Record<string, string>> {
  let strings = cache.get(lang);
  if (!strings) {
    strings = loadStrings(lang);
    strings.catch(() => cache.delete(lang));
    cache.set(lang, strings);
  }
  return strings;
}

export const POPUP_PATH = 'src/popup/index.html';

export const contentUiHandlers: Pick<Handlers, 'content/strings' | 'content/open-protocol'> = {
  'content/strings': ({ lang }) => stringsFor(lang),
  'content/open-protocol': async (_request, sender) => {
    await browser.tabs.create({
      url: browser.runtime.getURL(`${POPUP_PATH}#protocol`),
      ...(sender.tab?.index !== undefined ? { index: sender.tab.index + 1 } : {}),
    });
    return { opened: true as const };
  },
};

/**
 * Services for the in-page UI: its strings and styles, opening the protocol page.
 * The content script cannot read our files itself without exposing them to every page
 * (web_accessible_resources), so it asks here, once per page that needs a card or banner.
 * Serving the stylesheets from here also keeps them out of the script every frame injects
 * (the content script's 30 KB budget).
 */
import browser from 'webextension-polyfill';
import type { ContentUi } from '../core/messages';
import type { Handlers } from './router';

type Messages = Record<string, { message: string }>;
const cache = new Map<'ja' | 'en', Promise<ContentUi>>();

async function extensionFile(path: string): Promise<Response> {
  const res = await fetch(browser.runtime.getURL(path));
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res;
}

async function loadUi(lang: 'ja' | 'en'): Promise<ContentUi> {
  // The stylesheets are built next to the content script (vite.config.ts, additionalInputs).
  const [messages, card, banner] = await Promise.all([
    extensionFile(`_locales/${lang}/messages.json`).then((r) => r.json() as Promise<Messages>),
    extensionFile('src/content/card.css').then((r) => r.text()),
    extensionFile('src/content/banner.css').then((r) => r.text()),
  ]);
  const strings: Record<string, string> = {};
  for (const [key, { message }] of Object.entries(messages)) strings[key] = message;
  return { strings, css: { card, banner } };
}

export function contentUiFor(lang: 'ja' | 'en'): Promise<ContentUi> {
  let ui = cache.get(lang);
  if (!ui) {
    ui = loadUi(lang);
    ui.catch(() => cache.delete(lang));
    cache.set(lang, ui);
  }
  return ui;
}

export const POPUP_PATH = 'src/popup/index.html';

export const contentUiHandlers: Pick<Handlers, 'content/ui' | 'content/open-protocol'> = {
  'content/ui': ({ lang }) => contentUiFor(lang),
  'content/open-protocol': async (_request, sender) => {
    await browser.tabs.create({
      url: browser.runtime.getURL(`${POPUP_PATH}#protocol`),
      ...(sender.tab?.index !== undefined ? { index: sender.tab.index + 1 } : {}),
    });
    return { opened: true as const };
  },
};

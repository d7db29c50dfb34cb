import type Browser from 'webextension-polyfill';

/**
 * The extension API without webextension-polyfill, for the calls the popup and the shared UI
 * make (i18n, runtime.getURL/getManifest/openOptionsPage, tabs.query/getCurrent): Firefox's
 * `browser`, or Chrome's `chrome`, whose MV3 methods return promises the same way. Keeping the
 * polyfill out of the popup keeps its first chunk small (the options page still uses it).
 */
export function ext(): Browser.Browser {
  const g = globalThis as { browser?: Browser.Browser; chrome?: Browser.Browser };
  const api = g.browser?.runtime ? g.browser : g.chrome;
  if (!api) throw new Error('Callback Guard: no extension API in this context');
  return api;
}

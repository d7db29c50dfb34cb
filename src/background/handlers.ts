import browser from 'webextension-polyfill';
import { contentUiHandlers } from './content-ui';
import { MENU_ID, onMenuClicked } from './menu';
import { candidateMessagesOf, numberHandlers } from './number-handlers';
import type { Handlers } from './router';
import { tabHandlers } from './tab-state';
import { userStateHandlers } from './user-state';

/** Every request kind has exactly one handler; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...numberHandlers,
  ...contentUiHandlers,
  ...tabHandlers,
  ...userStateHandlers,
  'test/context-menu': async ({ selectionText, inUnscriptableTab }, sender) => {
    // A tab where no content script runs (about:blank is outside our matches), standing in for
    // the PDF viewer and browser pages, which a test driver cannot right-click either.
    const tab = inUnscriptableTab ? await browser.tabs.create({ url: 'about:blank' }) : sender.tab;
    await onMenuClicked(
      { menuItemId: MENU_ID, selectionText, frameId: inUnscriptableTab ? 0 : (sender.frameId ?? 0) },
      tab,
    );
    return { done: true as const };
  },
  'test/candidate-messages': async (_, sender) => ({ count: candidateMessagesOf(sender.tab?.id) }),
  'test/open-extension-page': async ({ path }) => {
    await browser.tabs.create({ url: browser.runtime.getURL(path) });
    return { opened: true as const };
  },
};

import browser from 'webextension-polyfill';
import { contentUiHandlers } from './content-ui';
import { MENU_ID, onMenuClicked } from './menu';
import { numberHandlers } from './number-handlers';
import type { Handlers } from './router';
import { tabHandlers } from './tab-state';
import { userStateHandlers } from './user-state';

/** Every request kind has exactly one handler; the type makes a missing one a compile error. */
export const handlers: Handlers = {
  ...numberHandlers,
  ...contentUiHandlers,
  ...tabHandlers,
  ...userStateHandlers,
  'test/context-menu': async ({ selectionText }, sender) => {
    await onMenuClicked({ menuItemId: MENU_ID, selectionText, frameId: sender.frameId ?? 0 }, sender.tab);
    return { done: true as const };
  },
  'test/open-extension-page': async ({ path }) => {
    await browser.tabs.create({ url: browser.runtime.getURL(path) });
    return { opened: true as const };
  },
};

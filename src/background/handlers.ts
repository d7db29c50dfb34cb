import browser from 'webextension-polyfill';
import { contentUiHandlers } from './content-ui';
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
  'test/open-extension-page': async ({ path }) => {
    await browser.tabs.create({ url: browser.runtime.getURL(path) });
    return { opened: true as const };
  },
};

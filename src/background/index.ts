/**
 * Background entry (Chrome service worker / Firefox event page). Every listener is registered
 * synchronously at top level: the worker can be stopped at any moment and is restarted by the
 * event that needs it, so nothing may depend on state built by an earlier wake-up.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { registerFeedListeners } from './feeds';
import { handlers } from './handlers';
import { registerMenu } from './menu';
import { createRouter } from './router';
import { registerTabListeners } from './tab-state';

const router = createRouter(handlers, {
  extensionId: browser.runtime.id,
  extensionOrigin: browser.runtime.getURL(''),
  testHooks: __CBG_TEST_HOOKS__,
});

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
  router(message, sender),
);
registerTabListeners();
registerMenu();
registerFeedListeners();

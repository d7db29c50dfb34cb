/**
 * Right-click "Verify this number" / 「この番号を確認」 on a selection or a link.
 * The verdict is shown as a card next to the selection by the page's content script; where no
 * content script can run (browser pages, the PDF viewer, store pages) the popup lookup opens in
 * a tab with the number filled in.
 */
import browser, { type Menus, type Tabs } from 'webextension-polyfill';
import { checkNumber } from '../core/verdict/scan';
import { POPUP_PATH } from './content-ui';
import { knowledge } from './knowledge';
import { userLists, userRegion } from './user-state';

export const MENU_ID = 'cbg-verify-number';

function createMenu(): void {
  browser.contextMenus.removeAll().then(() =>
    browser.contextMenus.create({
      id: MENU_ID,
      title: browser.i18n.getMessage('menuVerifyNumber'),
      contexts: ['selection', 'link'],
    }),
  );
}

/** The text to verify: the selection, else the number of a tel: link. */
export function menuTarget(info: Pick<Menus.OnClickData, 'selectionText' | 'linkUrl'>): string | null {
  const selection = info.selectionText?.trim();
  if (selection) return selection.slice(0, 200);
  if (info.linkUrl?.toLowerCase().startsWith('tel:')) {
    try {
      return decodeURIComponent(info.linkUrl.slice(4)).slice(0, 200);
    } catch {
      return info.linkUrl.slice(4, 204);
    }
  }
  return null;
}

export async function onMenuClicked(
  info: Pick<Menus.OnClickData, 'menuItemId' | 'selectionText' | 'linkUrl' | 'frameId'>,
  tab: Tabs.Tab | undefined,
): Promise<void> {
  if (info.menuItemId !== MENU_ID) return;
  const target = menuTarget(info);
  if (!target) return;
  const report = checkNumber(target, {
    fromPage: true,
    region: await userRegion(),
    userLists: await userLists(),
    knowledge: knowledge(),
  });
  if (tab?.id !== undefined && tab.id >= 0) {
    try {
      await browser.tabs.sendMessage(
        tab.id,
        { kind: 'bg/show-verdict', selection: target, report },
        { frameId: info.frameId ?? 0 },
      );
      return;
    } catch {
      // No content script there (PDF viewer, browser or store page): fall through.
    }
  }
  await browser.tabs.create({
    url: browser.runtime.getURL(`${POPUP_PATH}?q=${encodeURIComponent(target)}`),
    ...(tab?.index !== undefined ? { index: tab.index + 1 } : {}),
  });
}

/** For the background's top level. */
export function registerMenu(): void {
  browser.runtime.onInstalled.addListener(createMenu);
  browser.runtime.onStartup.addListener(createMenu);
  browser.contextMenus.onClicked.addListener((info, tab) => {
    void onMenuClicked(info, tab);
  });
}

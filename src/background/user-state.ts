/**
 * The user's own data as the rest of the background sees it, and the `page/*` handlers that
 * change it (settings, per-site switch, personal lists, import, missed calls, feeds).
 * Storage rules live in storage.ts; the decisions in src/core/user-data.ts.
 *
 * When a change affects what content scripts do (pause, per-site switch, marking, language),
 * every frame running our content script is told at once with `bg/status`, so it takes effect
 * without a reload. The background has no "tabs" permission and so cannot read tab addresses:
 * it remembers instead which frame asked `content/status` for which host name (storage.session,
 * `cbg:frames`, so a restarted worker still knows) and sends each frame the status for its own
 * host. A frame that no longer answers (tab closed, navigated away) is forgotten.
 */
import browser from 'webextension-polyfill';
import { summarizeData } from '../core/feeds';
import type { ContentStatus, StateView } from '../core/messages';
import { regionFromHints } from '../core/phone';
import type { CompiledData } from '../core/registry/compiled';
import {
  addFeed,
  addMissedCall,
  applySettingsPatch,
  isFailure,
  mergeListsImport,
  parseListsImport,
  putListEntry,
  removeFeed,
  removeListEntry,
  removeMissedCall,
  setSiteEnabled,
  siteActive,
  userListsOf,
} from '../core/user-data';
import type { MissedCallNote, Settings, UserData } from '../core/user-data-types';
import type { UserLists } from '../core/verdict/engine';
import { dataInUse, feedStatuses, feedsReady, forgetFeed, updateFeeds } from './feeds';
import type { Handlers } from './router';
import { readUserData, storageError, updateUserData } from './storage';
import { forgetFrame } from './tab-state';

const nowIso = () => new Date().toISOString();

function uiLanguageTag(): string {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return '';
  }
}

function regionOf(settings: Settings): string {
  return settings.region === 'auto' ? regionFromHints({ lang: uiLanguageTag() }) : settings.region;
}

/** Region for numbers the user types: the setting, or the browser language ('auto'). */
export async function userRegion(): Promise<string> {
  return regionOf((await readUserData()).settings);
}

const listsCache = new WeakMap<UserData, UserLists>();

/**
 * The personal lists for the verdict engine. Waits for the stored feed copies to be loaded
 * first, so verdicts right after a worker restart already use the feeds.
 */
export async function userLists(): Promise<UserLists> {
  await feedsReady();
  const data = await readUserData();
  let lists = listsCache.get(data);
  if (!lists) {
    lists = userListsOf(data);
    listsCache.set(data, lists);
  }
  return lists;
}

function statusFor(settings: Settings, hostname: string): ContentStatus {
  const language =
    settings.language === 'auto'
      ? uiLanguageTag().toLowerCase().startsWith('ja')
        ? 'ja'
        : 'en'
      : settings.language;
  return { active: siteActive(settings, hostname), marking: { ...settings.marking }, uiLanguage: language };
}

/** Should a frame on `hostname` scan, and how should it mark. */
export async function contentStatusFor(hostname: string): Promise<ContentStatus> {
  return statusFor((await readUserData()).settings, hostname);
}

const summaries = new WeakMap<CompiledData, StateView['data']>();

async function stateView(): Promise<StateView> {
  await feedsReady();
  const user = await readUserData();
  const data = dataInUse();
  let summary = summaries.get(data);
  if (!summary) {
    summary = summarizeData(data);
    summaries.set(data, summary);
  }
  return {
    user: structuredClone(user),
    feeds: await feedStatuses(user.feeds),
    data: summary,
    storageError: await storageError(),
  };
}

const FRAMES_KEY = 'cbg:frames';
/** tab id → frame id → host name the frame's content script asked about. */
type FrameHosts = Record<string, Record<string, string>>;
const MAX_FRAMES_PER_TAB = 200;
let frameHosts: Promise<FrameHosts> | null = null;
let framesQueue: Promise<unknown> = Promise.resolve();

function loadFrameHosts(): Promise<FrameHosts> {
  if (!frameHosts) {
    frameHosts = browser.storage.session
      .get(FRAMES_KEY)
      .then((r) => {
        const v = r[FRAMES_KEY];
        return typeof v === 'object' && v !== null ? (v as FrameHosts) : {};
      })
      .catch(() => ({}));
  }
  return frameHosts;
}

/** Changes the frame map one change at a time and keeps it in storage.session. */
function changeFrameHosts(change: (all: FrameHosts) => boolean): Promise<void> {
  const work = async () => {
    const all = await loadFrameHosts();
    if (!change(all)) return;
    await browser.storage.session.set({ [FRAMES_KEY]: all }).catch(() => {
      // Memory still has it; after a worker restart such a frame just misses live updates.
    });
  };
  const next = framesQueue.then(work, work);
  framesQueue = next.catch(() => {});
  return next;
}

/**
 * Frame ids are not reused within a tab, so entries of frames that are gone are harmless until
 * the next push prunes them (their message fails). Subframes often report before the top frame,
 * so a new top-level document does not clear them. A tab keeps at most MAX_FRAMES_PER_TAB
 * frames, dropping the oldest (lowest id) subframe first.
 */
function rememberFrame(tabId: number, frameId: number, hostname: string): Promise<void> {
  return changeFrameHosts((all) => {
    const tab = all[tabId] ?? {};
    all[tabId] = tab;
    if (tab[frameId] === hostname) return false;
    const ids = Object.keys(tab).filter((f) => f !== '0');
    if (!(frameId in tab) && ids.length >= MAX_FRAMES_PER_TAB) {
      const oldest = ids.sort((a, b) => Number(a) - Number(b))[0];
      if (oldest !== undefined) delete tab[oldest];
    }
    tab[frameId] = hostname;
    return true;
  });
}

/** Tells every frame running our content script its new status; frames that are gone are forgotten. */
async function pushStatus(settings: Settings): Promise<void> {
  const all = structuredClone(await loadFrameHosts());
  const gone: Array<[string, string]> = [];
  await Promise.all(
    Object.entries(all).flatMap(([tabId, frames]) =>
      Object.entries(frames).map(async ([frameId, hostname]) => {
        try {
          await browser.tabs.sendMessage(
            Number(tabId),
            { kind: 'bg/status', status: statusFor(settings, hostname) },
            { frameId: Number(frameId) },
          );
        } catch {
          gone.push([tabId, frameId]);
        }
      }),
    ),
  );
  if (gone.length > 0) {
    await changeFrameHosts((current) => {
      for (const [tabId, frameId] of gone) {
        const tab = current[tabId];
        if (!tab) continue;
        delete tab[frameId];
        if (Object.keys(tab).length === 0) delete current[tabId];
      }
      return true;
    });
  }
}

function changeSettings(change: (s: Settings) => Settings): Promise<StateView> {
  return updateUserData((data) => ({
    data: { ...data, settings: change(data.settings) },
    result: null,
  })).then(async ({ data }) => {
    await pushStatus(data.settings);
    return stateView();
  });
}

/** The match pattern permission a feed needs: its origin. */
export const feedOriginPattern = (url: string): string => `${new URL(url).origin}/*`;

export const userStateHandlers: Pick<
  Handlers,
  | 'content/status'
  | 'page/get-state'
  | 'page/update-settings'
  | 'page/set-site-enabled'
  | 'page/list-put'
  | 'page/list-remove'
  | 'page/lists-import'
  | 'page/missed-call-add'
  | 'page/missed-call-remove'
  | 'page/feed-add'
  | 'page/feed-remove'
  | 'page/feed-update-now'
> = {
  'content/status': async ({ hostname }, sender) => {
    if (sender.tab?.id !== undefined) {
      await rememberFrame(sender.tab.id, sender.frameId ?? 0, hostname);
      await forgetFrame(sender.tab.id, sender.frameId ?? 0);
    }
    return contentStatusFor(hostname);
  },

  'page/get-state': () => stateView(),

  'page/update-settings': ({ patch }) => changeSettings((s) => applySettingsPatch(s, patch)),

  'page/set-site-enabled': ({ hostname, enabled }) =>
    changeSettings((s) => setSiteEnabled(s, hostname, enabled)),

  'page/list-put': async ({ list, number, note }) => {
    await updateUserData((data) => {
      const out = putListEntry(data, list, number, note, { region: regionOf(data.settings), now: nowIso() });
      return isFailure(out) ? out : { data: out.data, result: out.entry };
    });
    return stateView();
  },

  'page/list-remove': async ({ list, e164 }) => {
    await updateUserData((data) => ({ data: removeListEntry(data, list, e164), result: null }));
    return stateView();
  },

  'page/lists-import': async ({ json }) => {
    const { result } = await updateUserData((data) => {
      const parsed = parseListsImport(json, regionOf(data.settings));
      if (isFailure(parsed)) return parsed;
      const merged = mergeListsImport(data, parsed, nowIso());
      return isFailure(merged) ? merged : { data: merged.data, result: merged.added };
    });
    return { ...(await stateView()), imported: result };
  },

  'page/missed-call-add': async ({ number, when, said }) => {
    const { result } = await updateUserData<MissedCallNote>((data) => {
      const out = addMissedCall(
        data,
        { number, when, said },
        { region: regionOf(data.settings), now: nowIso(), id: crypto.randomUUID() },
      );
      return isFailure(out) ? out : { data: out.data, result: out.note };
    });
    return { ...(await stateView()), note: result };
  },

  'page/missed-call-remove': async ({ id }) => {
    await updateUserData((data) => ({ data: removeMissedCall(data, id), result: null }));
    return stateView();
  },

  'page/feed-add': async ({ url, publicKey }) => {
    let pattern: string;
    try {
      pattern = feedOriginPattern(url.trim());
    } catch {
      throw new Error(`"${url.slice(0, 80)}" is not a web address`);
    }
    // Check the address first, so a wrong scheme gets its own message, not a permission one.
    const check = addFeed(
      await readUserData(),
      { url, ...(publicKey !== undefined ? { publicKey } : {}) },
      nowIso(),
    );
    if (isFailure(check)) throw new Error(check.error);
    if (!(await browser.permissions.contains({ origins: [pattern] }))) {
      throw new Error(
        `Callback Guard may not download from ${new URL(url.trim()).origin} yet: allow it when asked (permission ${pattern})`,
      );
    }
    const { result } = await updateUserData((data) => {
      const out = addFeed(data, { url, ...(publicKey !== undefined ? { publicKey } : {}) }, nowIso());
      return isFailure(out) ? out : { data: out.data, result: out.feed };
    });
    await updateFeeds([result.url]);
    return stateView();
  },

  'page/feed-remove': async ({ url }) => {
    const before = await readUserData();
    const { data } = await updateUserData((d) => ({ data: removeFeed(d, url), result: null }));
    for (const gone of before.feeds.filter((f) => !data.feeds.some((g) => g.url === f.url))) {
      await forgetFeed(gone.url);
      // Give the host permission back when no other feed needs that origin.
      const pattern = feedOriginPattern(gone.url);
      if (!data.feeds.some((f) => feedOriginPattern(f.url) === pattern)) {
        await browser.permissions.remove({ origins: [pattern] }).catch(() => {});
      }
    }
    return stateView();
  },

  'page/feed-update-now': async () => {
    await updateFeeds();
    return stateView();
  },
};

/** Tests only: forget the frame map held in memory, as a restarted worker would. */
export function resetUserStateForTests(): void {
  frameHosts = null;
  framesQueue = Promise.resolve();
}

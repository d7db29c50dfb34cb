/**
 * Registry feeds in the background: scheduled whole-list downloads that add to the bundled data.
 *
 * Design note:
 * - Nothing about the user travels: a feed is one GET of a public URL (no cookies, no referrer),
 *   the same request for everyone; lookups and pages never leave the browser.
 * - Each feed's last good copy lives in storage.local under `cbg:feed:<url>` (validated data,
 *   the trust it was verified with, ETag / Last-Modified). A new download replaces it only after
 *   it was read completely (≤ 10 MB, refused while streaming beyond), verified (sha256 pin or
 *   Ed25519 signature when the subscription has a key), parsed and validated, and stored; only
 *   then is the Knowledge rebuilt and swapped in with replaceKnowledge. Any failure keeps the
 *   last good copy in use and is recorded in the feed's status (`cbg:feed-status`).
 * - On start-up the stored copies are loaded (validated again) before the first verdict that
 *   asks for the user's lists (user-state.ts `userLists()` waits for `feedsReady()`).
 * - Checks run on a `browser.alarms` schedule registered synchronously at top level.
 */
import bundledData from 'virtual:cbg-data';
import browser from 'webextension-polyfill';
import {
  type FeedTrust,
  MAX_FEED_BYTES,
  mergeKnowledge,
  parseFeedBody,
  readBodyCapped,
  type VerifiedFeed,
  validateCompiledData,
  verifyFeed,
} from '../core/feeds';
import type { CompiledData } from '../core/registry/compiled';
import { isFailure } from '../core/user-data';
import type { FeedStatus, FeedSubscription } from '../core/user-data-types';
import { Knowledge } from '../core/verdict/knowledge';
import { replaceKnowledge } from './knowledge';
import { readUserData, serial } from './storage';

export const FEED_ALARM = 'cbg-feed-update';
/** Minutes between scheduled checks; conditional requests make an unchanged feed cheap. */
export const FEED_PERIOD_MINUTES = 6 * 60;
export const FEED_TIMEOUT_MS = 60_000;
const SIGNATURE_CAP = 4 * 1024;
const STATUS_KEY = 'cbg:feed-status';
export const feedKey = (url: string): string => `cbg:feed:${url}`;

/** What is kept per feed in storage.local. */
export interface StoredFeed {
  url: string;
  data: CompiledData;
  trust: FeedTrust;
  /** The subscription key the copy was verified with; a copy verified otherwise is not used. */
  key: string | null;
  etag: string | null;
  lastModified: string | null;
  fetched: string;
}

const bundled = bundledData as CompiledData;
let inUse: CompiledData = bundled;
const copies = new Map<string, StoredFeed>();
let statuses: Record<string, FeedStatus> | null = null;
let ready: Promise<void> | null = null;
const inFlight = new Map<string, Promise<void>>();

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const nowIso = () => new Date().toISOString();

/** The compiled data verdicts use now: bundled plus feeds. */
export function dataInUse(): CompiledData {
  return inUse;
}

function isStoredFeed(v: unknown): v is StoredFeed {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Record<string, unknown>;
  return (
    typeof s.url === 'string' &&
    (s.trust === 'signed' || s.trust === 'pinned' || s.trust === 'unsigned') &&
    (s.key === null || typeof s.key === 'string') &&
    (s.etag === null || typeof s.etag === 'string') &&
    (s.lastModified === null || typeof s.lastModified === 'string') &&
    typeof s.fetched === 'string'
  );
}

async function loadStatuses(): Promise<Record<string, FeedStatus>> {
  if (!statuses) {
    try {
      const stored = (await browser.storage.local.get(STATUS_KEY))[STATUS_KEY];
      statuses = typeof stored === 'object' && stored !== null ? (stored as Record<string, FeedStatus>) : {};
    } catch {
      statuses = {};
    }
  }
  return statuses;
}

const blankStatus = (url: string): FeedStatus => ({
  url,
  lastAttempt: null,
  lastSuccess: null,
  version: null,
  entries: 0,
  lastError: null,
});

async function setStatus(url: string, change: Partial<FeedStatus>): Promise<void> {
  await serial(async () => {
    const all = await loadStatuses();
    all[url] = { ...(all[url] ?? blankStatus(url)), ...change, url };
    try {
      await browser.storage.local.set({ [STATUS_KEY]: all });
    } catch {
      // The status stays correct in memory; it is informational only.
    }
  });
}

/** Rebuilds the Knowledge from the bundled data and the current copies, in subscription order. */
function rebuild(subscriptions: readonly FeedSubscription[]): void {
  const feeds: VerifiedFeed[] = [];
  for (const sub of subscriptions) {
    const copy = copies.get(sub.url);
    if (copy) feeds.push({ url: sub.url, data: copy.data, trust: copy.trust });
  }
  if (feeds.length === 0 && inUse === bundled) return;
  const next = feeds.length === 0 ? bundled : mergeKnowledge(bundled, feeds);
  replaceKnowledge(new Knowledge(next));
  inUse = next;
}

async function loadStoredCopies(): Promise<void> {
  const { feeds } = await readUserData();
  for (const sub of feeds) {
    try {
      const stored = (await browser.storage.local.get(feedKey(sub.url)))[feedKey(sub.url)];
      if (!isStoredFeed(stored) || stored.key !== (sub.publicKey ?? null)) continue;
      const data = validateCompiledData(stored.data);
      if (isFailure(data)) {
        await setStatus(sub.url, { lastError: `the saved copy is damaged (${data.error})` });
        continue;
      }
      copies.set(sub.url, { ...stored, data });
    } catch (e) {
      await setStatus(sub.url, { lastError: `the saved copy could not be read (${message(e)})` });
    }
  }
  rebuild(feeds);
}

/** Resolves once the stored feed copies are in use (at most once per worker start). */
export function feedsReady(): Promise<void> {
  if (!ready) {
    ready = loadStoredCopies().catch(() => {
      // Bundled data stays in use; the next start tries again.
    });
  }
  return ready;
}

/** The subscription list's statuses, in the same order. */
export async function feedStatuses(subscriptions: readonly FeedSubscription[]): Promise<FeedStatus[]> {
  const all = await loadStatuses();
  return subscriptions.map((s) => ({ ...(all[s.url] ?? blankStatus(s.url)) }));
}

async function fetchSignature(url: string, signal: AbortSignal): Promise<string | null> {
  const sigUrl = new URL(url);
  sigUrl.pathname += '.sig';
  const res = await fetch(sigUrl.href, { signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
  if (!res.ok) return null;
  const body = await readBodyCapped(res, SIGNATURE_CAP);
  if (isFailure(body)) return null;
  return new TextDecoder().decode(body).trim();
}

type Download =
  | { kind: 'unchanged' }
  | { kind: 'new'; data: CompiledData; trust: FeedTrust; etag: string | null; lastModified: string | null }
  | { kind: 'failed'; error: string };

/** One download, verified and validated; changes nothing. */
async function download(sub: FeedSubscription, previous: StoredFeed | undefined): Promise<Download> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error('timed out')), FEED_TIMEOUT_MS);
  try {
    const headers: Record<string, string> = {};
    if (previous?.etag) headers['If-None-Match'] = previous.etag;
    if (previous?.lastModified) headers['If-Modified-Since'] = previous.lastModified;
    let res: Response;
    try {
      res = await fetch(sub.url, {
        signal: controller.signal,
        headers,
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
    } catch (e) {
      return { kind: 'failed', error: `the feed could not be downloaded (${message(e)})` };
    }
    if (res.status === 304 && previous) return { kind: 'unchanged' };
    if (!res.ok) {
      await res.body?.cancel().catch(() => {});
      return {
        kind: 'failed',
        error: `the server answered ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`,
      };
    }
    if (res.url && !res.url.startsWith('https://')) {
      await res.body?.cancel().catch(() => {});
      return { kind: 'failed', error: 'the feed was redirected away from https' };
    }
    const body = await readBodyCapped(res, MAX_FEED_BYTES, controller);
    if (isFailure(body)) return { kind: 'failed', error: body.error };
    const isKey = sub.publicKey !== undefined && !sub.publicKey.startsWith('sha256:');
    let signature: string | null = null;
    if (isKey) {
      try {
        signature = await fetchSignature(sub.url, controller.signal);
      } catch (e) {
        return { kind: 'failed', error: `the signature could not be downloaded (${message(e)})` };
      }
    }
    const verified = await verifyFeed(body, signature, sub.publicKey);
    if (!verified.ok) return { kind: 'failed', error: verified.error };
    const data = parseFeedBody(body);
    if (isFailure(data)) return { kind: 'failed', error: data.error };
    return {
      kind: 'new',
      data,
      trust: verified.trust,
      etag: res.headers.get('etag'),
      lastModified: res.headers.get('last-modified'),
    };
  } finally {
    clearTimeout(timer);
  }
}

async function updateOne(sub: FeedSubscription): Promise<void> {
  const attempt = nowIso();
  await setStatus(sub.url, { lastAttempt: attempt });
  const previous = copies.get(sub.url);
  const usable = previous && previous.key === (sub.publicKey ?? null) ? previous : undefined;
  const result = await download(sub, usable);
  if (result.kind === 'failed') {
    await setStatus(sub.url, { lastError: result.error });
    return;
  }
  if (result.kind === 'unchanged') {
    await setStatus(sub.url, { lastSuccess: attempt, lastError: null });
    return;
  }
  // The subscription may have been removed while downloading.
  const { feeds } = await readUserData();
  if (!feeds.some((f) => f.url === sub.url && f.publicKey === sub.publicKey)) return;
  const stored: StoredFeed = {
    url: sub.url,
    data: result.data,
    trust: result.trust,
    key: sub.publicKey ?? null,
    etag: result.etag,
    lastModified: result.lastModified,
    fetched: attempt,
  };
  try {
    await serial(() => browser.storage.local.set({ [feedKey(sub.url)]: stored }));
  } catch (e) {
    await setStatus(sub.url, {
      lastError: `the new copy could not be saved (${message(e)}); the last good copy stays in use`,
    });
    return;
  }
  copies.set(sub.url, stored);
  rebuild(feeds);
  await setStatus(sub.url, {
    lastSuccess: attempt,
    lastError: null,
    version: result.data.version,
    entries: result.data.numbers.length + result.data.rules.length,
  });
}

/** Checks the given subscriptions (all of them by default) now; never rejects. */
export async function updateFeeds(only?: readonly string[]): Promise<void> {
  await feedsReady();
  const { feeds } = await readUserData();
  const wanted = only ? feeds.filter((f) => only.includes(f.url)) : feeds;
  await Promise.all(
    wanted.map((sub) => {
      let job = inFlight.get(sub.url);
      if (!job) {
        job = updateOne(sub)
          .catch((e) => setStatus(sub.url, { lastError: `the update failed (${message(e)})` }))
          .finally(() => inFlight.delete(sub.url));
        inFlight.set(sub.url, job);
      }
      return job;
    }),
  );
}

/** After a subscription is removed: drop its copy and status, and rebuild without it. */
export async function forgetFeed(url: string): Promise<void> {
  copies.delete(url);
  const { feeds } = await readUserData();
  rebuild(feeds);
  await serial(async () => {
    const all = await loadStatuses();
    delete all[url];
    await browser.storage.local.remove(feedKey(url)).catch(() => {});
    await browser.storage.local.set({ [STATUS_KEY]: all }).catch(() => {});
  });
}

/**
 * Call synchronously at the top level of the background: the alarm listener must exist before
 * the event that wakes the worker is dispatched.
 */
export function registerFeedListeners(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FEED_ALARM) void updateFeeds();
  });
  void browser.alarms
    .get(FEED_ALARM)
    .then((existing) => {
      if (!existing) {
        return browser.alarms.create(FEED_ALARM, { delayInMinutes: 1, periodInMinutes: FEED_PERIOD_MINUTES });
      }
    })
    .catch(() => {});
  void feedsReady();
}

/** Tests only: forget everything held in memory, as a restarted worker would. */
export function resetFeedsForTests(): void {
  if (inUse !== bundled) replaceKnowledge(new Knowledge(bundled));
  inUse = bundled;
  copies.clear();
  statuses = null;
  ready = null;
  inFlight.clear();
}

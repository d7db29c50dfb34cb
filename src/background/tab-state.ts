/**
 * What each tab's content scripts found, for the popup's "numbers on this page" list and the
 * toolbar badge. Kept in storage.session (memory only, cleared with the browser) because the
 * service worker may be stopped between the page's report and the popup's question. While the
 * worker lives, the records are kept here and written behind, at most once per PERSIST_DELAY_MS:
 * writing the whole record on every report was most of the background's CPU on a page that
 * changes all the time. A worker stopped within that delay loses that last second of numbers.
 */
import browser from 'webextension-polyfill';
import type { CandidateInput, CandidateResult, Level, TabNumber } from '../core/messages';
import type { PageVerdict } from '../core/verdict/types';
import type { Handlers } from './router';

interface TabRecord {
  /** Per frame, so an iframe's report does not erase the main page's. */
  frames: Record<string, { numbers: TabNumber[]; page: PageVerdict }>;
}

const key = (tabId: number) => `cbg:tab:${tabId}`;
const RANK: Record<Level, number> = { unknown: 0, official: 0, caution: 1, danger: 2 };
/**
 * A live page (a ticker, a chat) can show thousands of numbers over time, and every report
 * rewrites the tab's record: keep the latest numbers of each frame, so the cost of a report stays
 * bounded and the popup lists what was seen recently.
 */
const MAX_NUMBERS_PER_FRAME = 500;

/** Writes per tab run one after another, so two frames reporting at once both land. */
const queues = new Map<number, Promise<unknown>>();
function serial<T>(tabId: number, work: () => Promise<T>): Promise<T> {
  const next = (queues.get(tabId) ?? Promise.resolve()).then(work, work);
  queues.set(
    tabId,
    next.catch(() => {}),
  );
  return next;
}

const PERSIST_DELAY_MS = 1000;
const records = new Map<number, TabRecord>();
const unsaved = new Set<number>();
let persistTimer: ReturnType<typeof setTimeout> | null = null;
const badges = new Map<number, string>();

async function read(tabId: number): Promise<TabRecord> {
  const known = records.get(tabId);
  if (known) return known;
  const stored = (await browser.storage.session.get(key(tabId)))[key(tabId)] as TabRecord | undefined;
  const record = records.get(tabId) ?? stored ?? { frames: {} };
  records.set(tabId, record);
  return record;
}

/** As a restarted service worker: nothing in memory, storage.session as it was. */
export function resetTabStateForTests(): void {
  records.clear();
  unsaved.clear();
  badges.clear();
  if (persistTimer) clearTimeout(persistTimer);
  persistTimer = null;
}

function persistSoon(tabId: number): void {
  unsaved.add(tabId);
  if (persistTimer) return;
  persistTimer = setTimeout(() => {
    persistTimer = null;
    const entries = [...unsaved].flatMap((id) => {
      const record = records.get(id);
      return record ? [[key(id), record] as const] : [];
    });
    unsaved.clear();
    if (entries.length) browser.storage.session.set(Object.fromEntries(entries)).catch(() => {});
  }, PERSIST_DELAY_MS);
}

function merged(record: TabRecord): { numbers: TabNumber[]; page: PageVerdict | null } {
  const byNumber = new Map<string, TabNumber>();
  let page: PageVerdict | null = null;
  for (const frame of Object.values(record.frames)) {
    for (const n of frame.numbers) {
      const key = n.e164 ?? n.raw;
      const seen = byNumber.get(key);
      if (!seen || RANK[n.level] > RANK[seen.level]) byNumber.set(key, n);
    }
    if (!page || RANK[frame.page.level] > RANK[page.level]) page = frame.page;
  }
  return { numbers: [...byNumber.values()], page };
}

async function updateBadge(tabId: number, numbers: TabNumber[]): Promise<void> {
  const flagged = numbers.filter((n) => n.level === 'caution' || n.level === 'danger');
  const danger = flagged.some((n) => n.level === 'danger');
  const badge = `${flagged.length}${danger ? '!' : ''}`;
  if (badges.get(tabId) === badge) return;
  badges.set(tabId, badge);
  try {
    await browser.action.setBadgeText({
      tabId,
      text: flagged.length ? String(Math.min(flagged.length, 999)) : '',
    });
    if (flagged.length) {
      await browser.action.setBadgeBackgroundColor({ tabId, color: danger ? '#cf222e' : '#9a6700' });
    }
  } catch {
    // The tab may have closed in the meantime.
  }
}

export function recordTabNumbers(
  tabId: number,
  frameId: number,
  candidates: CandidateInput[],
  results: CandidateResult[][],
  page: PageVerdict,
): Promise<void> {
  return serial(tabId, async () => {
    const record = await read(tabId);
    const frame = record.frames[frameId] ?? { numbers: [], page };
    const known = new Map(frame.numbers.map((n, at) => [n.e164 ?? n.raw, at]));
    candidates.forEach((c, i) => {
      for (const { start, end, verdict } of results[i] ?? []) {
        const raw = c.raw.slice(start, end);
        const id = verdict.e164 ?? raw;
        const number = { raw, e164: verdict.e164, level: verdict.level, verdict };
        const at = known.get(id);
        if (at === undefined) {
          known.set(id, frame.numbers.length);
          frame.numbers.push(number);
        } else if (RANK[verdict.level] > RANK[(frame.numbers[at] as TabNumber).level]) {
          // One number printed twice, once next to scam wording: the tab lists its worst verdict.
          frame.numbers[at] = number;
        }
      }
    });
    if (frame.numbers.length > MAX_NUMBERS_PER_FRAME)
      frame.numbers.splice(0, frame.numbers.length - MAX_NUMBERS_PER_FRAME);
    frame.page = RANK[page.level] >= RANK[frame.page.level] ? page : frame.page;
    record.frames[frameId] = frame;
    persistSoon(tabId);
    await updateBadge(tabId, merged(record).numbers);
  });
}

/** A frame's new document asks for its status first: what its old documents showed is gone. */
export function forgetFrame(tabId: number, frameId: number): Promise<void> {
  return serial(tabId, async () => {
    const record = await read(tabId);
    if (!record.frames[frameId]) return;
    delete record.frames[frameId];
    persistSoon(tabId);
    await updateBadge(tabId, merged(record).numbers);
  });
}

export function forgetTab(tabId: number): Promise<void> {
  return serial(tabId, async () => {
    records.delete(tabId);
    unsaved.delete(tabId);
    badges.delete(tabId);
    await browser.storage.session.remove(key(tabId));
    await updateBadge(tabId, []);
  });
}

/** Listeners for the background's top level (registered synchronously there). */
export function registerTabListeners(): void {
  browser.tabs.onRemoved.addListener((tabId) => {
    void forgetTab(tabId);
    queues.delete(tabId);
  });
  // A new document in the tab: its numbers are about to be reported afresh.
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') void forgetTab(tabId);
  });
}

export const tabHandlers: Pick<Handlers, 'page/tab-numbers'> = {
  'page/tab-numbers': async ({ tabId }) => merged(await read(tabId)),
};

/**
 * What each tab's content scripts found, for the popup's "numbers on this page" list and the
 * toolbar badge. Kept in storage.session (memory only, cleared with the browser) because the
 * service worker may be stopped between the page's report and the popup's question.
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

async function read(tabId: number): Promise<TabRecord> {
  const stored = (await browser.storage.session.get(key(tabId)))[key(tabId)] as TabRecord | undefined;
  return stored ?? { frames: {} };
}

function merged(record: TabRecord): { numbers: TabNumber[]; page: PageVerdict | null } {
  const byNumber = new Map<string, TabNumber>();
  let page: PageVerdict | null = null;
  for (const frame of Object.values(record.frames)) {
    for (const n of frame.numbers) byNumber.set(n.e164 ?? n.raw, n);
    if (!page || RANK[frame.page.level] > RANK[page.level]) page = frame.page;
  }
  return { numbers: [...byNumber.values()], page };
}

async function updateBadge(tabId: number, numbers: TabNumber[]): Promise<void> {
  const flagged = numbers.filter((n) => n.level === 'caution' || n.level === 'danger');
  const danger = flagged.some((n) => n.level === 'danger');
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
    const known = new Set(frame.numbers.map((n) => n.e164 ?? n.raw));
    candidates.forEach((c, i) => {
      for (const { start, end, verdict } of results[i] ?? []) {
        const raw = c.raw.slice(start, end);
        const id = verdict.e164 ?? raw;
        if (known.has(id)) continue;
        known.add(id);
        frame.numbers.push({ raw, e164: verdict.e164, level: verdict.level, verdict });
      }
    });
    if (frame.numbers.length > MAX_NUMBERS_PER_FRAME)
      frame.numbers.splice(0, frame.numbers.length - MAX_NUMBERS_PER_FRAME);
    frame.page = RANK[page.level] >= RANK[frame.page.level] ? page : frame.page;
    record.frames[frameId] = frame;
    await browser.storage.session.set({ [key(tabId)]: record });
    await updateBadge(tabId, merged(record).numbers);
  });
}

/** A frame's new document asks for its status first: what its old documents showed is gone. */
export function forgetFrame(tabId: number, frameId: number): Promise<void> {
  return serial(tabId, async () => {
    const record = await read(tabId);
    if (!record.frames[frameId]) return;
    delete record.frames[frameId];
    await browser.storage.session.set({ [key(tabId)]: record });
    await updateBadge(tabId, merged(record).numbers);
  });
}

export function forgetTab(tabId: number): Promise<void> {
  return serial(tabId, async () => {
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

/**
 * What the popup lists for a tab: per frame, the latest numbers, and a frame's new document
 * starts afresh (fake storage.session in Node).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CandidateInput, CandidateResult } from '../core/messages';
import type { PageVerdict } from '../core/verdict/types';
import { createFakeBrowser } from './fake-browser.test-helper';

const fake = vi.hoisted(() => ({ current: null as unknown as ReturnType<typeof createFakeBrowser> }));
vi.mock('webextension-polyfill', () => ({
  default: new Proxy(
    {},
    { get: (_t, key) => (fake.current.browser as Record<string | symbol, unknown>)[key] },
  ),
}));

const { recordTabNumbers, forgetFrame, tabHandlers, resetTabStateForTests } = await import('./tab-state');

const calm: PageVerdict = { level: 'unknown', reasons: [] };

/** One report of `count` distinct unknown numbers, 03-5000-0000 upwards from `from`. */
function report(from: number, count: number): [CandidateInput[], CandidateResult[][]] {
  const candidates: CandidateInput[] = [];
  const results: CandidateResult[][] = [];
  for (let i = from; i < from + count; i++) {
    const raw = `03-5000-${String(i).padStart(4, '0')}`;
    candidates.push({ raw, digits: raw.replace(/-/g, ''), context: raw });
    results.push([
      {
        start: 0,
        end: raw.length,
        verdict: { level: 'unknown', e164: `+8135000${String(i).padStart(4, '0')}`, reasons: [] },
      },
    ]);
  }
  return [candidates, results];
}

const listed = async (tabId: number) =>
  (await tabHandlers['page/tab-numbers']({ kind: 'page/tab-numbers', tabId }, {} as never)).numbers.map(
    (n) => n.raw,
  );

beforeEach(() => {
  fake.current = createFakeBrowser();
  resetTabStateForTests();
});

describe('numbers on a tab', () => {
  it('keeps the latest 500 numbers of a frame that keeps showing new ones', async () => {
    for (let from = 0; from < 1200; from += 400) await recordTabNumbers(1, 0, ...report(from, 400), calm);
    const numbers = await listed(1);
    expect(numbers).toHaveLength(500);
    expect(numbers[0]).toBe('03-5000-0700');
    expect(numbers.at(-1)).toBe('03-5000-1199');
  });

  it('still lists them after the service worker restarts, once they were written behind', async () => {
    vi.useFakeTimers();
    try {
      await recordTabNumbers(3, 0, ...report(0, 2), calm);
      await vi.advanceTimersByTimeAsync(1500);
    } finally {
      vi.useRealTimers();
    }
    resetTabStateForTests();
    expect(await listed(3)).toEqual(['03-5000-0000', '03-5000-0001']);
  });

  it('lists a number printed twice with its worst verdict, in this frame or another', async () => {
    const [candidates, [quiet = []]] = report(0, 1);
    const caution = quiet.map((r) => ({ ...r, verdict: { ...r.verdict, level: 'caution' as const } }));
    await recordTabNumbers(1, 0, candidates, [quiet], calm);
    await recordTabNumbers(1, 0, candidates, [caution], calm);
    await recordTabNumbers(1, 0, candidates, [quiet], calm);
    await recordTabNumbers(1, 5, candidates, [quiet], calm);
    const { numbers } = await tabHandlers['page/tab-numbers'](
      { kind: 'page/tab-numbers', tabId: 1 },
      {} as never,
    );
    expect(numbers.map((n) => [n.raw, n.level])).toEqual([['03-5000-0000', 'caution']]);
    expect(fake.current.state.badges.get(1)).toBe('1');
  });

  it("forgets a frame's numbers when its new document starts, and keeps the other frames'", async () => {
    await recordTabNumbers(1, 0, ...report(0, 2), calm);
    await recordTabNumbers(1, 7, ...report(100, 1), calm);
    await forgetFrame(1, 7);
    expect(await listed(1)).toEqual(['03-5000-0000', '03-5000-0001']);
  });
});

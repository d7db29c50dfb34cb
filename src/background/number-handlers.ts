import browser from 'webextension-polyfill';
import type { CandidateResult } from '../core/messages';
import { matchCandidate, regionFromHints } from '../core/phone';
import { verdictFor } from '../core/verdict/engine';
import { checkNumber, guessLang, pageVerdictFor } from '../core/verdict/scan';
import { knowledge } from './knowledge';
import type { Handlers } from './router';
import { recordTabNumbers } from './tab-state';
import { userLists, userRegion } from './user-state';

const pong = () => ({ pong: true as const, version: browser.runtime.getManifest().version });

/** Test builds: candidate messages per tab, so browser tests can hold the content script to its batches. */
const candidateMessages = new Map<number, number>();
export const candidateMessagesOf = (tabId: number | undefined) =>
  tabId === undefined ? 0 : (candidateMessages.get(tabId) ?? 0);

/** Judging numbers: candidates from pages, lookups from the popup. */
export const numberHandlers: Pick<
  Handlers,
  'content/ping' | 'page/ping' | 'content/candidates' | 'page/lookup'
> = {
  'content/ping': pong,
  'page/ping': pong,

  'content/candidates': async ({ candidates, page }, sender) => {
    const tabId = sender.tab?.id;
    if (__CBG_TEST_HOOKS__ && tabId !== undefined)
      candidateMessages.set(tabId, candidateMessagesOf(tabId) + 1);
    const k = knowledge();
    const lists = await userLists();
    // A page without a language tag: guess from its script (kana → ja); with no hint at all
    // (no lang, no country domain) the user's own region applies.
    const pageLang =
      page.lang || guessLang(`${page.title}\n${candidates.map((c) => c.context).join('\n')}`) || '';
    const hinted = pageLang || /\.[a-z]{2}$/i.test(page.hostname);
    const region = hinted ? regionFromHints({ lang: pageLang, hostname: page.hostname }) : await userRegion();
    // A number that is not valid in the page's region may be valid where the user lives or in
    // Japan (a 0120 number on an English page): try those before calling it malformed.
    const fallbackRegions = [...new Set([await userRegion(), 'JP', 'US'])].filter((r) => r !== region);
    const results = candidates.map((c): CandidateResult[] =>
      matchCandidate({ start: 0, end: c.raw.length, raw: c.raw, digits: c.digits }, region, {
        fallbackRegions,
      }).map((match) => {
        const ctx = {
          nearbyText: c.context,
          pageLang,
          pageTitle: page.title,
          hostname: page.hostname,
          userLists: lists,
        };
        const digits = match.start === 0 && match.end === c.raw.length ? c.digits : undefined;
        return {
          start: match.start,
          end: match.end,
          verdict: verdictFor({ ...match, ...(digits ? { digits } : {}) }, ctx, k),
        };
      }),
    );
    const judged = results.flat();
    const pageText = `${page.title}\n${candidates.map((c) => c.context).join('\n')}`;
    const pageVerdict = pageVerdictFor(judged, pageText, k);
    if (sender.tab?.id !== undefined) {
      await recordTabNumbers(sender.tab.id, sender.frameId ?? 0, candidates, results, pageVerdict);
    }
    return { results, page: pageVerdict };
  },

  'page/lookup': async ({ input, context }) => ({
    input,
    report: checkNumber(input, {
      region: await userRegion(),
      knowledge: knowledge(),
      userLists: await userLists(),
      ...(context ? { context } : {}),
    }),
  }),
};

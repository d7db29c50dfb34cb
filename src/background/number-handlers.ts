import browser from 'webextension-polyfill';
import { regionFromHints, validateCandidate } from '../core/phone';
import { verdictFor } from '../core/verdict/engine';
import { checkNumber, pageVerdictFor } from '../core/verdict/scan';
import type { Verdict } from '../core/verdict/types';
import { knowledge } from './knowledge';
import type { Handlers } from './router';
import { recordTabNumbers } from './tab-state';
import { userLists, userRegion } from './user-state';

const pong = () => ({ pong: true as const, version: browser.runtime.getManifest().version });

/** Judging numbers: candidates from pages, lookups from the popup. */
export const numberHandlers: Pick<Handlers, 'content/ping' | 'page/ping' | 'content/candidates' | 'page/lookup'> = {
  'content/ping': pong,
  'page/ping': pong,

  'content/candidates': async ({ candidates, page }, sender) => {
    const k = knowledge();
    const lists = await userLists();
    const region = regionFromHints({ lang: page.lang, hostname: page.hostname });
    const verdicts = candidates.map((c): Verdict | null => {
      const match = validateCandidate({ start: 0, end: c.raw.length, raw: c.raw, digits: c.digits }, region);
      if (!match) return null;
      const ctx = { nearbyText: c.context, pageLang: page.lang, pageTitle: page.title, hostname: page.hostname, userLists: lists };
      return verdictFor({ ...match, digits: c.digits }, ctx, k);
    });
    const judged = verdicts.filter((v): v is Verdict => v !== null).map((verdict) => ({ verdict }));
    const pageText = `${page.title}\n${candidates.map((c) => c.context).join('\n')}`;
    const pageVerdict = pageVerdictFor(judged, pageText, k);
    if (sender.tab?.id !== undefined) {
      await recordTabNumbers(sender.tab.id, sender.frameId ?? 0, candidates, verdicts, pageVerdict);
    }
    return { verdicts, page: pageVerdict };
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

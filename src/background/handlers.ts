import browser from 'webextension-polyfill';
import { regionFromHints, validateCandidate } from '../core/phone';
import { verdictFor } from '../core/verdict/engine';
import { checkNumber, pageVerdictFor } from '../core/verdict/scan';
import type { Verdict } from '../core/verdict/types';
import { knowledge } from './knowledge';
import type { Handlers } from './router';

const pong = () => ({ pong: true as const, version: browser.runtime.getManifest().version });

const uiRegion = () => regionFromHints({ lang: browser.i18n.getUILanguage() });

export const handlers: Handlers = {
  'content/ping': pong,
  'page/ping': pong,

  'content/candidates': ({ candidates, page }) => {
    const k = knowledge();
    const region = regionFromHints({ lang: page.lang, hostname: page.hostname });
    const verdicts = candidates.map((c): Verdict | null => {
      const match = validateCandidate({ start: 0, end: c.raw.length, raw: c.raw, digits: c.digits }, region);
      if (!match) return null;
      const ctx = {
        nearbyText: c.context,
        pageLang: page.lang,
        pageTitle: page.title,
        hostname: page.hostname,
      };
      return verdictFor({ ...match, digits: c.digits }, ctx, k);
    });
    const judged = verdicts.filter((v): v is Verdict => v !== null).map((verdict) => ({ verdict }));
    const pageText = `${page.title}\n${candidates.map((c) => c.context).join('\n')}`;
    return { verdicts, page: pageVerdictFor(judged, pageText, k) };
  },

  'page/lookup': ({ input }) => ({
    input,
    report: checkNumber(input, { region: uiRegion(), knowledge: knowledge() }),
  }),

  'test/open-extension-page': async ({ path }) => {
    await browser.tabs.create({ url: browser.runtime.getURL(path) });
    return { opened: true as const };
  },
};

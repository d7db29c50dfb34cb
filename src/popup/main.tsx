import { render } from 'preact';
import { cachedLanguagePref, setLanguage, startLanguage } from '../ui/i18n';
import { App } from './App';
import { loadParts } from './deferred';

/**
 * The first frame is rendered synchronously from bundled code: no background message, extension
 * storage read or file fetch comes before it (the language is settled from localStorage, see
 * `startLanguage`; the user's data and the tab's numbers arrive afterwards). The lookup box is
 * focused during that render. `cbg-popup-rendered` marks the moment, and is what the browser
 * test reads as the open time. The second chunk (verdicts, the tab's numbers, the protocol,
 * missed calls) starts loading right after.
 */
performance.mark('cbg-popup-start');
const first = () => {
  render(<App />, document.getElementById('app') as HTMLElement);
  // What the first frame holds, for the test to check: the focused element and the language.
  performance.mark('cbg-popup-rendered', {
    detail: { focused: document.activeElement?.id ?? null, lang: document.documentElement.lang },
  });
  void loadParts();
};
if (startLanguage()) first();
else void setLanguage(cachedLanguagePref()).then(first);

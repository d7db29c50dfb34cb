import { render } from 'preact';
import { cachedLanguagePref, setLanguage } from '../ui/i18n';
import { App } from './App';

/**
 * Opens in the language last chosen (remembered in localStorage, so no round trip to the
 * background first); App follows the stored setting once the state arrives. The mark
 * `cbg-popup-rendered` after the first render is what the browser test reads as open time.
 */
performance.mark('cbg-popup-start');
void setLanguage(cachedLanguagePref()).then(() => {
  render(<App />, document.getElementById('app') as HTMLElement);
  performance.mark('cbg-popup-rendered');
});

import { render } from 'preact';
import { cachedLanguagePref, setLanguage } from '../ui/i18n';
import { Options } from './Options';

void setLanguage(cachedLanguagePref()).then(() => {
  render(<Options />, document.getElementById('app') as HTMLElement);
});

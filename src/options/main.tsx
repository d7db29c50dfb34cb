import { render } from 'preact';
import { cachedLanguagePref, setLanguage, startLanguage } from '../ui/i18n';
import { Options } from './Options';

const first = () => render(<Options />, document.getElementById('app') as HTMLElement);
if (startLanguage()) first();
else void setLanguage(cachedLanguagePref()).then(first);

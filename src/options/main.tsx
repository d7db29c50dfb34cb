import { render } from 'preact';
import browser from 'webextension-polyfill';
import { t } from '../ui/i18n';

function Options() {
  return (
    <div style={{ maxWidth: '44rem', margin: '24px auto', padding: '0 16px' }}>
      <h1>{t('extName')}</h1>
      <section aria-labelledby="about">
        <h2 id="about">{t('optionsAboutHeading')}</h2>
        <p>{t('optionsVersion', browser.runtime.getManifest().version)}</p>
        <p>{t('privacyStatement')}</p>
      </section>
    </div>
  );
}

document.documentElement.lang = navigator.language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
render(<Options />, document.getElementById('app') as HTMLElement);

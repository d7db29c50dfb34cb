import browser from 'webextension-polyfill';
import type { StateView } from '../core/messages';
import { t, uiLanguage } from '../ui/i18n';
import { privacyPolicyUrl } from '../ui/privacy-link';
import { regionName } from './shared';

/** Versions, what the data covers, and the privacy statement. */
export function About({ state }: { state: StateView }) {
  const lang = uiLanguage();
  const nf = new Intl.NumberFormat(lang);
  const countries = Object.entries(state.data.byCountry).sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  return (
    <section aria-labelledby="about-heading">
      <h2 id="about-heading">{t('options_about_heading')}</h2>
      <p>{t('options_about_version', browser.runtime.getManifest().version)}</p>
      <p data-data-version={state.data.version}>
        {t('options_about_data', [
          state.data.version,
          nf.format(state.data.numbers),
          nf.format(state.data.rules),
        ])}
      </p>
      <table class="counts">
        <caption>{t('options_about_counts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('options_about_country')}</th>
            <th scope="col">{t('options_about_count')}</th>
          </tr>
        </thead>
        <tbody>
          {countries.map(([code, count]) => (
            <tr key={code} data-country={code}>
              <td>
                {regionName(code, lang)} ({code})
              </td>
              <td class="num">{nf.format(count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 id="privacy">{t('options_privacy_heading')}</h3>
      <p>{t('options_privacy')}</p>
      <p>
        <a href={privacyPolicyUrl()} target="_blank" rel="noopener" id="about-privacy-policy">
          {t('privacy_link')}
        </a>
      </p>
    </section>
  );
}

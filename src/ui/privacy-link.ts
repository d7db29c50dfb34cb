import { uiLanguage } from './i18n';

/**
 * The privacy policy page (src/privacy), in the language the linking page shows. A relative
 * address: popup and options live in src/<page>/index.html of the same extension.
 */
export function privacyPolicyUrl(): string {
  return `../privacy/index.html?lang=${uiLanguage()}`;
}

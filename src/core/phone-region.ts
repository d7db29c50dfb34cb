/**
 * Default region for a page from its language and host name. Japanese users first: with no
 * hint at all the region is JP; English without a country is US.
 */

import { isKnownRegion } from './phone-parse';

/** Language (ISO 639-1) to the region most pages in it are written for. */
const LANGUAGE_REGION: Record<string, string> = {
  ja: 'JP',
  en: 'US',
  fr: 'FR',
  de: 'DE',
  es: 'ES',
  it: 'IT',
  pt: 'BR',
  zh: 'CN',
  ko: 'KR',
  ru: 'RU',
  nl: 'NL',
  sv: 'SE',
  da: 'DK',
  nb: 'NO',
  no: 'NO',
  fi: 'FI',
  pl: 'PL',
  tr: 'TR',
  he: 'IL',
  hi: 'IN',
  th: 'TH',
  vi: 'VN',
  id: 'ID',
  ms: 'MY',
  uk: 'UA',
  cs: 'CZ',
  el: 'GR',
  hu: 'HU',
  ro: 'RO',
  fil: 'PH',
  tl: 'PH',
  ar: 'SA',
};

/** Script subtags that pick a region for Chinese. */
const SCRIPT_REGION: Record<string, string> = { hant: 'TW', hans: 'CN' };

/** Country-code top-level domains that differ from the region code. */
const TLD_REGION: Record<string, string> = { uk: 'GB' };

function fromLanguage(lang: string): { explicit?: string; implied?: string } {
  const parts = lang.trim().replace(/_/g, '-').toLowerCase().split('-');
  const base = parts[0] ?? '';
  for (const p of parts.slice(1)) {
    if (p.length === 2 && isKnownRegion(p.toUpperCase())) return { explicit: p.toUpperCase() };
    const script = SCRIPT_REGION[p];
    if (base === 'zh' && script) return { explicit: script };
  }
  const implied = LANGUAGE_REGION[base];
  return implied ? { implied } : {};
}

function fromHostname(hostname: string): string | undefined {
  const labels = hostname.trim().toLowerCase().replace(/\.$/, '').split('.');
  if (labels.length < 2) return undefined;
  const tld = labels[labels.length - 1] ?? '';
  const region = TLD_REGION[tld] ?? tld.toUpperCase();
  return tld.length === 2 && isKnownRegion(region) ? region : undefined;
}

/**
 * Page hints to a region: a country in the language tag (en-GB) wins, then a country-code
 * domain (.jp, .co.uk), then the language's usual country (fr → FR, en → US), then JP.
 */
export function regionFromHints(hints: { lang?: string; hostname?: string }): string {
  const lang = hints.lang ? fromLanguage(hints.lang) : {};
  if (lang.explicit) return lang.explicit;
  const host = hints.hostname ? fromHostname(hints.hostname) : undefined;
  if (host) return host;
  return lang.implied ?? 'JP';
}

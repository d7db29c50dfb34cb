import type { Reason } from '../core/verdict/types';
import type { UiLang } from './strings';
import { fill } from './strings';

/** Between a reason's label and the rule's description, as each language writes it. */
const SEPARATOR: Record<UiLang, string> = { ja: '：', en: ': ' };

/**
 * One line per reason, in the card's language; data descriptions come from data/ (ja/en).
 * `brief` (the banner, which covers the top of the page): a few words per reason, no rule
 * descriptions; the card has the full text.
 */
export function reasonText(r: Reason, s: Record<string, string>, lang: UiLang, brief = false): string {
  const key = `card_reason_${r.code.replace(/-/g, '_')}`;
  if (brief && (r.code === 'impersonation' || r.code === 'lookalike-characters' || r.code === 'malformed')) {
    return fill(s, key.replace('card', 'banner'), r.code === 'malformed' ? '' : r.params.org.name[lang]);
  }
  switch (r.code) {
    case 'registry-official':
    case 'registry-secondary':
      return fill(s, key, r.params.org.name[lang], r.params.purpose[lang]);
    case 'impersonation':
    case 'lookalike-characters':
      return fill(s, key, r.params.org.name[lang]);
    case 'unassigned-code':
      return fill(s, key, r.params.callingCode);
    case 'malformed':
    case 'letters-for-digits':
      return fill(s, key);
    case 'scam-context':
      return fill(s, key, r.params.phrases.slice(0, 4).join(' / '));
    case 'user-trusted':
    case 'user-blocked':
      return fill(s, key, r.params.note);
    default: {
      const label = fill(s, key, 'callingCode' in r.params ? r.params.callingCode : '');
      return brief ? label : `${label}${SEPARATOR[lang]}${r.params.description[lang]}`;
    }
  }
}

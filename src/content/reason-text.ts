import type { Reason } from '../core/verdict/types';
import type { UiLang } from './strings';
import { fill } from './strings';

/** One line per reason, in the card's language; data descriptions come from data/ (ja/en). */
export function reasonText(r: Reason, s: Record<string, string>, lang: UiLang): string {
  switch (r.code) {
    case 'registry-official':
      return fill(s, 'card_reason_registry_official', r.params.org.name[lang], r.params.purpose[lang]);
    case 'registry-secondary':
      return fill(s, 'card_reason_registry_secondary', r.params.org.name[lang], r.params.purpose[lang]);
    case 'impersonation':
      return fill(s, 'card_reason_impersonation', r.params.org.name[lang]);
    case 'one-ring-country':
    case 'international-unexpected':
      return `${fill(s, `card_reason_${r.code.replace(/-/g, '_')}`, r.params.callingCode)} ${r.params.description[lang]}`;
    case 'unassigned-code':
      return fill(s, 'card_reason_unassigned_code', r.params.callingCode);
    case 'malformed':
      return fill(s, 'card_reason_malformed');
    case 'lookalike-characters':
      return fill(s, 'card_reason_lookalike_characters', r.params.org.name[lang]);
    case 'scam-context':
      return fill(s, 'card_reason_scam_context', r.params.phrases.slice(0, 4).join(' / '));
    case 'user-trusted':
    case 'user-blocked':
      return fill(s, `card_reason_${r.code.replace(/-/g, '_')}`, r.params.note);
    default:
      return `${fill(s, `card_reason_${r.code.replace(/-/g, '_')}`)}: ${r.params.description[lang]}`;
  }
}

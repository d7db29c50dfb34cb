/**
 * Reasons in plain words. Pure (no DOM, no extension API): the translator is passed in, so the
 * unit test can run every reason code through both real locale files.
 */
import type { PhraseCategory } from '../core/registry/source-types';
import { isOfficialSmsSender } from '../core/verdict/sms-sender';
import type { Reason, SourceRef, Verdict } from '../core/verdict/types';
import { joinList, type Lang, local, type Translate } from './format';

export interface SourceLink {
  url: string;
  /** "Source (official): example.jp, checked 2025-01-31" */
  label: string;
}

export interface ReasonView {
  code: Reason['code'];
  severity: Reason['severity'];
  text: string;
  details: string[];
  source?: SourceLink;
}

/** Only web links become links; anything else (javascript:, data:) is shown as nothing. */
export function safeUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

export function sourceLink(source: SourceRef | undefined, tr: Translate): SourceLink | undefined {
  const url = safeUrl(source?.url);
  if (!source || !url) return undefined;
  const host = new URL(url).hostname.replace(/^www\./, '');
  const key = source.kind === 'official' ? 'reason_source_official' : 'reason_source_secondary';
  return { url, label: tr(key, [host, source.checked]) };
}

const CATEGORY_KEYS: Record<PhraseCategory, string> = {
  urgency: 'reason_category_urgency',
  threat: 'reason_category_threat',
  'refund-atm': 'reason_category_refund_atm',
  'tech-support': 'reason_category_tech_support',
  'remote-access': 'reason_category_remote_access',
  'gift-card': 'reason_category_gift_card',
  'safe-account': 'reason_category_safe_account',
  credentials: 'reason_category_credentials',
  arrest: 'reason_category_arrest',
  'unpaid-fee': 'reason_category_unpaid_fee',
};

export function describeReason(reason: Reason, lang: Lang, tr: Translate): ReasonView {
  const details: string[] = [];
  let text: string;
  switch (reason.code) {
    case 'registry-official':
    case 'registry-secondary': {
      const p = reason.params;
      const key =
        reason.code === 'registry-official' ? 'reason_registry_official' : 'reason_registry_secondary';
      text = tr(key, [local(p.org.name, lang), local(p.purpose, lang)]);
      if (p.hours) details.push(tr('reason_hours', local(p.hours, lang)));
      break;
    }
    case 'impersonation': {
      const p = reason.params;
      text = tr('reason_impersonation', [local(p.org.name, lang), p.mentionedAs]);
      for (const group of p.listed) {
        const key = group.official ? 'reason_impersonation_official' : 'reason_impersonation_other';
        details.push(tr(key, [joinList(group.numbers, lang), local(group.purpose, lang)]));
      }
      break;
    }
    case 'premium-rate':
    case 'caller-pays':
    case 'ip-phone':
    case 'reported-scam':
      text = tr(`reason_${reason.code.replaceAll('-', '_')}`);
      details.push(local(reason.params.description, lang));
      break;
    case 'one-ring-country':
    case 'international-unexpected':
      text = tr(`reason_${reason.code.replaceAll('-', '_')}`, reason.params.callingCode);
      details.push(local(reason.params.description, lang));
      break;
    case 'unassigned-code':
      text = tr('reason_unassigned_code', reason.params.callingCode);
      break;
    case 'malformed':
      text = tr('reason_malformed', reason.params.raw);
      break;
    case 'lookalike-characters':
      text = tr('reason_lookalike_characters', local(reason.params.org.name, lang));
      break;
    case 'letters-for-digits':
      text = tr('reason_letters_for_digits', reason.params.printed);
      break;
    case 'scam-context': {
      const p = reason.params;
      text = tr('reason_scam_context', joinList(p.phrases, lang));
      if (p.categories.length > 0) {
        details.push(
          tr(
            'reason_scam_kinds',
            joinList(
              p.categories.map((c) => tr(CATEGORY_KEYS[c])),
              lang,
            ),
          ),
        );
      }
      break;
    }
    case 'user-trusted':
    case 'user-blocked':
      text = tr(reason.code === 'user-trusted' ? 'reason_user_trusted' : 'reason_user_blocked');
      if (reason.params.note) details.push(tr('reason_user_note', reason.params.note));
      break;
  }
  const source = sourceLink(reason.source, tr);
  return {
    code: reason.code,
    severity: reason.severity,
    text,
    details: details.filter((d) => d.trim() !== ''),
    ...(source ? { source } : {}),
  };
}

/** The one-line advice under a verdict. */
export function nextStepKey(verdict: Verdict, trustedByUser: boolean): string {
  if (trustedByUser) return 'popup_next_trusted';
  if (isOfficialSmsSender(verdict)) return 'advice_official_sms_sender';
  return `popup_next_${verdict.level}`;
}

/** Reasons worth reading first: danger, then caution, then information. */
export function sortReasons(reasons: readonly Reason[]): Reason[] {
  const rank = { danger: 0, caution: 1, info: 2 } as const;
  return [...reasons].sort((a, b) => rank[a.severity] - rank[b.severity]);
}

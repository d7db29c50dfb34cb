import type { Level } from '../messages';
import type { LocalText, PhraseCategory, Severity, SourceRef } from '../registry/source-types';

export type { Level, LocalText, Severity, SourceRef };

/** Stable reason codes (documented in the README). Tests, the CLI's JSON and the UI rely on them. */
export type ReasonCode =
  | 'registry-official'
  | 'registry-secondary'
  | 'impersonation'
  | 'premium-rate'
  | 'one-ring-country'
  | 'international-unexpected'
  | 'unassigned-code'
  | 'malformed'
  | 'caller-pays'
  | 'ip-phone'
  | 'reported-scam'
  | 'scam-context'
  | 'user-trusted'
  | 'user-blocked'
  | 'lookalike-characters';

export interface OrgRef {
  id: string;
  name: LocalText;
}

/** A rule from data/patterns that fired. */
export interface RuleParams {
  ruleId: string;
  description: LocalText;
}

/** Parameters per reason code: the type system keeps each reason's fields honest. */
export interface ReasonParams {
  'registry-official': { org: OrgRef; purpose: LocalText; hours?: LocalText; printed: string };
  'registry-secondary': { org: OrgRef; purpose: LocalText; hours?: LocalText; printed: string };
  /**
   * `officialNumbers`: the organisation's numbers read on an official source (its own site or a
   * regulator); `otherListedNumbers`: numbers only a secondary source lists, shown as such.
   */
  impersonation: {
    org: OrgRef;
    mentionedAs: string;
    officialNumbers: string[];
    otherListedNumbers: string[];
  };
  'premium-rate': RuleParams;
  'one-ring-country': RuleParams & { callingCode: string };
  'international-unexpected': RuleParams & { callingCode: string };
  'unassigned-code': { callingCode: string };
  malformed: { raw: string };
  'caller-pays': RuleParams;
  'ip-phone': RuleParams;
  'reported-scam': RuleParams;
  'scam-context': { phrases: string[]; categories: PhraseCategory[] };
  'user-trusted': { note: string };
  'user-blocked': { note: string };
  /** A listed number printed with look-alike, hidden or reordering characters (lookalike.ts). */
  'lookalike-characters': { org: OrgRef };
}

export type Reason = {
  [C in ReasonCode]: { code: C; severity: Severity; params: ReasonParams[C]; source?: SourceRef };
}[ReasonCode];

export type ReasonOf<C extends ReasonCode> = Extract<Reason, { code: C }>;

export interface Verdict {
  level: Level;
  e164: string | null;
  /** The organisation whose official number this is (registry match), if any. */
  org?: OrgRef;
  reasons: Reason[];
}

export interface PageVerdict {
  level: Level;
  reasons: Reason[];
}

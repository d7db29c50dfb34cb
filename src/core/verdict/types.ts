import type { Level } from '../messages';
import type { LocalText, NumberKind, PhraseCategory, Severity, SourceRef } from '../registry/source-types';

export type { Level, LocalText, NumberKind, Severity, SourceRef };

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
  | 'lookalike-characters'
  | 'letters-for-digits';

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
  /** `kind`: a voice line, an SMS sender (no desk to call), a short code or a fax. */
  'registry-official': {
    org: OrgRef;
    purpose: LocalText;
    hours?: LocalText;
    printed: string;
    kind: NumberKind;
  };
  'registry-secondary': {
    org: OrgRef;
    purpose: LocalText;
    hours?: LocalText;
    printed: string;
    kind: NumberKind;
  };
  /** `listed`: what the registry lists for the organisation, so people can see its real numbers. */
  impersonation: {
    org: OrgRef;
    mentionedAs: string;
    listed: ListedNumbers[];
    /** The page warns that someone else uses the name ("…を名乗る電話"), rather than using it. */
    reported?: true;
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
  /** A lookup that wrote letters for digits ("1-8OO-555-O1OO", letters.ts); `printed` as written. */
  'letters-for-digits': { printed: string };
}

/**
 * Some of an organisation's registry numbers that share a purpose, a kind and a kind of source.
 * The kind matters to someone about to dial: an SMS sender or an outbound-only line is a real
 * number of the company but no desk to call, and the card and popup say so.
 */
export interface ListedNumbers {
  /** As printed on the source. */
  numbers: string[];
  kind: NumberKind;
  purpose: LocalText;
  /** Read on the organisation's own site or a regulator's; else a secondary source only. */
  official: boolean;
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

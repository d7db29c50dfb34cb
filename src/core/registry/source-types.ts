/**
 * The shapes of the human-edited files in data/ (see data/README.md and data/schema/).
 * The JSON Schemas there are the contract for editors; these types mirror them for the code.
 */

export interface LocalText {
  ja: string;
  en: string;
}

export type SourceKind = 'official' | 'secondary';

export interface SourceRef {
  url: string;
  /** Date the source was read, YYYY-MM-DD. */
  checked: string;
  kind: SourceKind;
}

export type OrgCategory =
  | 'card'
  | 'bank'
  | 'public'
  | 'police'
  | 'telecom'
  | 'company'
  | 'government'
  | 'consumer';
export type NumberKind = 'voice' | 'sms-sender' | 'short-code' | 'fax';
export type Confidence = 'high' | 'medium' | 'low';

export interface RegistryNumberSource {
  number: string;
  purpose: LocalText;
  hours?: LocalText;
  kind: NumberKind;
  source: SourceRef;
  confidence: Confidence;
}

export interface RegistryEntrySource {
  id: string;
  org: { name: LocalText; aliases: string[]; category: OrgCategory };
  numbers: RegistryNumberSource[];
}

export interface RegistryFileSource {
  country: string;
  entries: RegistryEntrySource[];
}

export type PatternReason =
  | 'premium-rate'
  | 'one-ring-country'
  | 'international-unexpected'
  | 'unassigned-code'
  | 'caller-pays'
  | 'ip-phone'
  | 'reported-scam'
  | 'scam-context';

export type Severity = 'danger' | 'caution' | 'info';

export type PhraseCategory =
  | 'urgency'
  | 'threat'
  | 'refund-atm'
  | 'tech-support'
  | 'remote-access'
  | 'gift-card'
  | 'safe-account'
  | 'credentials'
  | 'arrest'
  | 'unpaid-fee';

/** Languages scam phrases are listed in: scam pages come in more languages than our UI. */
export const PHRASE_LANGS = ['ja', 'en', 'fr'] as const;
export type PhraseLang = (typeof PHRASE_LANGS)[number];

/** Exactly one kind of match per rule; the union keeps a rule from mixing them. */
export type PatternMatch =
  | { e164Prefix: string[] }
  | { callingCode: string[] }
  | { nanpAreaCode: string[] }
  | { unassignedCallingCode: true }
  | { internationalOnPage: string[] }
  | { e164?: string[]; raw?: string[] }
  | { phrases: Partial<Record<PhraseLang, string[]>>; category: PhraseCategory };

export interface PatternRuleSource {
  id: string;
  reason: PatternReason;
  severity: Severity;
  match: PatternMatch;
  description: LocalText;
  source: SourceRef;
}

export interface PatternFileSource {
  rules: PatternRuleSource[];
}

/**
 * What the user owns: settings, personal trusted/blocked numbers, missed-call notes and feed
 * subscriptions. Stored as ONE versioned record (storage.local key `cbg:user`) so a write is
 * all-or-nothing; older versions are migrated on read (src/core/user-data.ts).
 * Updates to bundled or feed data never touch it.
 */

export const USER_DATA_SCHEMA = 1;

/** The storage.local key of the record, and the prefix of the copies kept of unreadable ones. */
export const USER_KEY = 'cbg:user';
export const BACKUP_PREFIX = 'cbg:user-backup:';

export type Region = string; // ISO 3166-1 alpha-2, e.g. "JP"

export interface MarkingSettings {
  official: boolean;
  caution: boolean;
  danger: boolean;
  /** Off by default: an unmarked number is the calm default for "no data". */
  unknown: boolean;
}

export interface Settings {
  /** 'auto' follows the browser language (ja → JP, else US). */
  region: 'auto' | Region;
  /** 'auto' follows the browser UI language. */
  language: 'auto' | 'ja' | 'en';
  marking: MarkingSettings;
  /** Global pause: no scanning, no marks, anywhere. */
  paused: boolean;
  /** Hostnames where scanning is off (exact hostname match). */
  disabledSites: string[];
}

export interface PersonalEntry {
  e164: string;
  /** As the user typed it, for display. */
  number: string;
  note: string;
  /** ISO timestamp. */
  added: string;
}

export type PersonalListName = 'trusted' | 'blocked';

export interface MissedCallNote {
  id: string;
  /** As typed. */
  number: string;
  e164: string | null;
  /** When the call came (ISO date-time, user-entered). */
  when: string;
  /** What the caller said, in the user's words. */
  said: string;
  recorded: string;
}

export interface FeedSubscription {
  /** https only. */
  url: string;
  /** Optional: base64 Ed25519 public key (SPKI/raw 32 bytes) or `sha256:<hex>` pin. */
  publicKey?: string;
  added: string;
}

export interface UserData {
  schema: typeof USER_DATA_SCHEMA;
  settings: Settings;
  trusted: PersonalEntry[];
  blocked: PersonalEntry[];
  missedCalls: MissedCallNote[];
  feeds: FeedSubscription[];
}

/** Where a feed stands, shown in options (stored separately from user data). */
export interface FeedStatus {
  url: string;
  lastAttempt: string | null;
  lastSuccess: string | null;
  /** Data version of the last good copy in use, if any. */
  version: string | null;
  entries: number;
  lastError: string | null;
}

export const DEFAULT_SETTINGS: Settings = {
  region: 'auto',
  language: 'auto',
  marking: { official: true, caution: true, danger: true, unknown: false },
  paused: false,
  disabledSites: [],
};

export function emptyUserData(): UserData {
  return {
    schema: USER_DATA_SCHEMA,
    settings: structuredClone(DEFAULT_SETTINGS),
    trusted: [],
    blocked: [],
    missedCalls: [],
    feeds: [],
  };
}

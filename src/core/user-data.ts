/**
 * Pure logic over the user's own record (settings, personal lists, missed-call notes, feed
 * subscriptions): reading any stored version, and every change the options page and popup can
 * ask for. No storage here; src/background/storage.ts keeps the record.
 *
 * Rules:
 * - Reading never silently replaces data: a record that cannot be read is an error (the
 *   background keeps the raw value under a backup key and says so), never an empty default.
 * - Every change returns a new record or `{ error }` with one clear line; nothing is half applied.
 * - A number is in at most one personal list: putting it in one removes it from the other.
 * - Import only adds: it never removes or rewrites an entry the user already has.
 */
import { parsePhone } from './phone';
import {
  DEFAULT_SETTINGS,
  emptyUserData,
  type FeedSubscription,
  type MarkingSettings,
  type MissedCallNote,
  type PersonalEntry,
  type PersonalListName,
  type Settings,
  USER_DATA_SCHEMA,
  type UserData,
} from './user-data-types';
import type { UserLists } from './verdict/engine';

export type Failure = { error: string };
export const isFailure = (v: unknown): v is Failure =>
  typeof v === 'object' && v !== null && typeof (v as Failure).error === 'string';

export const MAX_LIST_ENTRIES = 10_000;
export const MAX_NOTE_LENGTH = 500;
export const MAX_NUMBER_LENGTH = 64;
export const MAX_MISSED_CALLS = 1_000;
export const MAX_FEEDS = 20;
export const MAX_URL_LENGTH = 2_048;
/** Characters of an import file (the message limit in src/core/messages.ts is the same). */
export const MAX_IMPORT_LENGTH = 5 * 1024 * 1024;

export const LISTS_FORMAT = 'callback-guard-lists';
export const LISTS_VERSION = 1;
export const MISSED_CALLS_FORMAT = 'callback-guard-missed-calls';

const LIST_NAMES: readonly PersonalListName[] = ['trusted', 'blocked'];
const other = (list: PersonalListName): PersonalListName => (list === 'trusted' ? 'blocked' : 'trusted');

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown, max = Number.POSITIVE_INFINITY): v is string =>
  typeof v === 'string' && v.length <= max;
/**
 * E.164 as libphonenumber writes it for a valid number. Not capped at E.164's 15 digits: some
 * valid numbers are longer (German fixed lines with up to 15 national digits, Indonesian
 * toll-free with 17), and a record holding one must still read back (found by fuzzing: such a
 * number was saved, then the whole record was refused as damaged after a restart).
 * libphonenumber's bound is a calling code of up to 3 digits and 17 national digits.
 */
const E164 = /^\+[1-9][0-9]{3,19}$/;
/** Shows at most 40 characters of a value in an error message. */
const quote = (v: unknown): string => {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s);
};

// ---------------------------------------------------------------------------------------------
// Reading a stored record, any version
// ---------------------------------------------------------------------------------------------

export type MigrateResult =
  | {
      ok: true;
      data: UserData /** The stored schema, or null when nothing was stored. */;
      from: number | null;
    }
  | { ok: false; error: string };

/**
 * One step per past schema: MIGRATIONS[n] turns a checked-shape-free v(n) record into v(n+1).
 * There is only v1 today. To add v2: bump USER_DATA_SCHEMA, add `1: (v1) => ({ ...v1, schema: 2,
 * newField: … })` here, and make `checkCurrent` check the v2 shape.
 */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {};

/**
 * Stored value → the current UserData. `undefined`/`null` (nothing stored yet) → empty data.
 * Anything unreadable (wrong shape, unknown or newer schema) → `{ ok: false, error }`: the caller
 * must keep the raw value, never overwrite it with defaults.
 */
export function migrateUserData(raw: unknown): MigrateResult {
  if (raw === undefined || raw === null) return { ok: true, data: emptyUserData(), from: null };
  if (!isObject(raw)) return { ok: false, error: 'the saved record is not an object' };
  const from = raw.schema;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 1) {
    return { ok: false, error: 'the saved record has no schema version' };
  }
  if (from > USER_DATA_SCHEMA) {
    return {
      ok: false,
      error: `the saved record is schema ${from}, written by a newer Callback Guard (this one reads up to ${USER_DATA_SCHEMA})`,
    };
  }
  let record: Record<string, unknown> = raw;
  for (let v = from; v < USER_DATA_SCHEMA; v++) {
    const step = MIGRATIONS[v];
    if (!step) return { ok: false, error: `no migration from schema ${v}` };
    try {
      record = step(record);
    } catch (e) {
      return { ok: false, error: `migrating from schema ${v} failed: ${(e as Error).message}` };
    }
  }
  const checked = checkCurrent(record);
  if (typeof checked === 'string') return { ok: false, error: `the saved record is damaged: ${checked}` };
  return { ok: true, data: checked, from };
}

function checkMarking(v: unknown): MarkingSettings | string {
  const d = DEFAULT_SETTINGS.marking;
  if (v === undefined) return { ...d };
  if (!isObject(v)) return 'settings.marking is not an object';
  const out = { ...d };
  for (const key of ['official', 'caution', 'danger', 'unknown'] as const) {
    const value = v[key];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') return `settings.marking.${key} is not true/false`;
    out[key] = value;
  }
  return out;
}

/** Settings: missing keys take their defaults (a v1 setting added later); wrong types are damage. */
function checkSettings(v: unknown): Settings | string {
  if (v === undefined) return structuredClone(DEFAULT_SETTINGS);
  if (!isObject(v)) return 'settings is not an object';
  const s = structuredClone(DEFAULT_SETTINGS);
  if (v.region !== undefined) {
    if (!(v.region === 'auto' || (isString(v.region) && /^[A-Z]{2}$/.test(v.region))))
      return 'settings.region is not auto or a country code';
    s.region = v.region;
  }
  if (v.language !== undefined) {
    if (v.language !== 'auto' && v.language !== 'ja' && v.language !== 'en')
      return 'settings.language is not auto, ja or en';
    s.language = v.language;
  }
  if (v.paused !== undefined) {
    if (typeof v.paused !== 'boolean') return 'settings.paused is not true/false';
    s.paused = v.paused;
  }
  const marking = checkMarking(v.marking);
  if (typeof marking === 'string') return marking;
  s.marking = marking;
  if (v.disabledSites !== undefined) {
    if (!Array.isArray(v.disabledSites) || !v.disabledSites.every((h) => isString(h, 253)))
      return 'settings.disabledSites is not a list of host names';
    s.disabledSites = [...(v.disabledSites as string[])];
  }
  return s;
}

function checkEntry(v: unknown, where: string): PersonalEntry | string {
  if (!isObject(v)) return `${where} is not an object`;
  if (!isString(v.e164) || !E164.test(v.e164)) return `${where}.e164 is not an E.164 number`;
  if (!isString(v.number)) return `${where}.number is not text`;
  if (!isString(v.note)) return `${where}.note is not text`;
  if (!isString(v.added)) return `${where}.added is not text`;
  return { e164: v.e164, number: v.number, note: v.note, added: v.added };
}

function checkMissedCall(v: unknown, where: string): MissedCallNote | string {
  if (!isObject(v)) return `${where} is not an object`;
  if (!isString(v.id) || v.id === '') return `${where}.id is not text`;
  if (!isString(v.number)) return `${where}.number is not text`;
  if (!(v.e164 === null || (isString(v.e164) && E164.test(v.e164))))
    return `${where}.e164 is not E.164 or null`;
  for (const key of ['when', 'said', 'recorded'] as const) {
    if (!isString(v[key])) return `${where}.${key} is not text`;
  }
  return {
    id: v.id,
    number: v.number,
    e164: v.e164 as string | null,
    when: v.when as string,
    said: v.said as string,
    recorded: v.recorded as string,
  };
}

function checkFeed(v: unknown, where: string): FeedSubscription | string {
  if (!isObject(v)) return `${where} is not an object`;
  if (!isString(v.url) || !v.url.startsWith('https://')) return `${where}.url is not an https URL`;
  if (v.publicKey !== undefined && !isString(v.publicKey)) return `${where}.publicKey is not text`;
  if (!isString(v.added)) return `${where}.added is not text`;
  return {
    url: v.url,
    ...(v.publicKey !== undefined ? { publicKey: v.publicKey as string } : {}),
    added: v.added,
  };
}

function checkArray<T>(
  v: unknown,
  name: string,
  check: (item: unknown, where: string) => T | string,
): T[] | string {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return `${name} is not a list`;
  const out: T[] = [];
  for (let i = 0; i < v.length; i++) {
    const item = check(v[i], `${name}[${i}]`);
    if (typeof item === 'string') return item;
    out.push(item);
  }
  return out;
}

/** The current (v1) shape, rebuilt field by field so nothing unknown is carried along. */
function checkCurrent(v: Record<string, unknown>): UserData | string {
  if (v.schema !== USER_DATA_SCHEMA) return `schema is ${String(v.schema)} after migration`;
  const settings = checkSettings(v.settings);
  if (typeof settings === 'string') return settings;
  const trusted = checkArray(v.trusted, 'trusted', checkEntry);
  if (typeof trusted === 'string') return trusted;
  const blocked = checkArray(v.blocked, 'blocked', checkEntry);
  if (typeof blocked === 'string') return blocked;
  const missedCalls = checkArray(v.missedCalls, 'missedCalls', checkMissedCall);
  if (typeof missedCalls === 'string') return missedCalls;
  const feeds = checkArray(v.feeds, 'feeds', checkFeed);
  if (typeof feeds === 'string') return feeds;
  return { schema: USER_DATA_SCHEMA, settings, trusted, blocked, missedCalls, feeds };
}

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

const normalizeHost = (h: string): string => h.trim().toLowerCase().replace(/\.$/, '');

/** A validated patch (src/core/messages.ts parses it) applied to settings; host names normalised. */
export function applySettingsPatch(settings: Settings, patch: Partial<Settings>): Settings {
  const next: Settings = structuredClone(settings);
  if (patch.region !== undefined) next.region = patch.region;
  if (patch.language !== undefined) next.language = patch.language;
  if (patch.paused !== undefined) next.paused = patch.paused;
  if (patch.marking !== undefined) next.marking = { ...next.marking, ...patch.marking };
  if (patch.disabledSites !== undefined) {
    next.disabledSites = [...new Set(patch.disabledSites.map(normalizeHost).filter((h) => h !== ''))];
  }
  return next;
}

/** Switches scanning on or off for one host name (exact match). */
export function setSiteEnabled(settings: Settings, hostname: string, enabled: boolean): Settings {
  const host = normalizeHost(hostname);
  const rest = settings.disabledSites.filter((h) => h !== host);
  return applySettingsPatch(settings, { disabledSites: enabled || host === '' ? rest : [...rest, host] });
}

export function siteActive(settings: Settings, hostname: string): boolean {
  return !settings.paused && !settings.disabledSites.includes(normalizeHost(hostname));
}

// ---------------------------------------------------------------------------------------------
// Personal lists
// ---------------------------------------------------------------------------------------------

/**
 * Regions tried, after the user's own, for a nationally written number that is not valid there:
 * Japanese users first (a Japanese number typed in a browser with an English UI), then US.
 */
export const PERSONAL_FALLBACK_REGIONS: readonly string[] = ['JP', 'US'];

/**
 * A number as a person typed it → E.164, or why not. Only valid numbers: the verdict engine
 * looks personal lists up by the E.164 of valid numbers, so an invalid one would never match.
 * A national number invalid in `region` is tried in PERSONAL_FALLBACK_REGIONS.
 */
export function personalNumber(input: string, region: string): { e164: string } | Failure {
  const shown = quote(input);
  if (input.trim() === '') return { error: 'enter a phone number' };
  if (input.length > MAX_NUMBER_LENGTH) return { error: `${shown} is too long for a phone number` };
  let phoneShaped = false;
  for (const r of [region, ...PERSONAL_FALLBACK_REGIONS.filter((f) => f !== region)]) {
    const match = parsePhone(input, { region: r });
    if (match?.valid && match.e164) return { e164: match.e164 };
    if (match?.e164) phoneShaped = true;
  }
  if (!phoneShaped) return { error: `${shown} is not a phone number` };
  return { error: `${shown} is not a valid phone number (check the digits and the country code)` };
}

function withList(data: UserData, list: PersonalListName, entries: PersonalEntry[]): UserData {
  return list === 'trusted' ? { ...data, trusted: entries } : { ...data, blocked: entries };
}

/**
 * Adds or updates a number in one list and removes it from the other. Re-putting a number keeps
 * its original `added` date and takes the new note.
 */
export function putListEntry(
  data: UserData,
  list: PersonalListName,
  number: string,
  note: string,
  options: { region: string; now: string },
): { data: UserData; entry: PersonalEntry } | Failure {
  if (!LIST_NAMES.includes(list)) return { error: `unknown list ${quote(list)}` };
  if (note.length > MAX_NOTE_LENGTH)
    return { error: `the note is longer than ${MAX_NOTE_LENGTH} characters` };
  const parsed = personalNumber(number, options.region);
  if (isFailure(parsed)) return parsed;
  const { e164 } = parsed;
  const current = data[list];
  const existing = current.find((e) => e.e164 === e164);
  if (!existing && current.length >= MAX_LIST_ENTRIES) {
    return { error: `the ${list} list is full (${MAX_LIST_ENTRIES} numbers); remove some first` };
  }
  const entry: PersonalEntry = {
    e164,
    number: number.trim(),
    note: note.trim(),
    added: existing?.added ?? options.now,
  };
  const entries = existing ? current.map((e) => (e.e164 === e164 ? entry : e)) : [...current, entry];
  const o = other(list);
  const next = withList(
    withList(data, list, entries),
    o,
    data[o].filter((e) => e.e164 !== e164),
  );
  return { data: next, entry };
}

/** Removes a number (by E.164) from a list; removing what is not there changes nothing. */
export function removeListEntry(data: UserData, list: PersonalListName, e164: string): UserData {
  return withList(
    data,
    list,
    data[list].filter((e) => e.e164 !== e164),
  );
}

/** What the verdict engine consults: E.164 → note. */
export function userListsOf(data: UserData): UserLists {
  return {
    trusted: new Map(data.trusted.map((e) => [e.e164, e.note])),
    blocked: new Map(data.blocked.map((e) => [e.e164, e.note])),
  };
}

export interface ListsFile {
  format: typeof LISTS_FORMAT;
  version: typeof LISTS_VERSION;
  exported: string;
  trusted: PersonalEntry[];
  blocked: PersonalEntry[];
}

/** The personal lists as a JSON file that `parseListsImport` reads back. */
export function exportLists(data: UserData, now = new Date().toISOString()): string {
  const file: ListsFile = {
    format: LISTS_FORMAT,
    version: LISTS_VERSION,
    exported: now,
    trusted: data.trusted.map((e) => ({ ...e })),
    blocked: data.blocked.map((e) => ({ ...e })),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

export interface ImportedLists {
  trusted: PersonalEntry[];
  blocked: PersonalEntry[];
}

/**
 * An import file → entries, or one line saying what is wrong (`trusted entry 3: "abc" is not a
 * phone number`). Checked completely before anything is applied; never throws.
 * Each entry needs `number` (as typed; parsed in `region` unless `e164` is given) and may carry
 * `note` and `added`. A number listed twice in one list keeps its first entry; a number in both
 * lists is an error.
 */
export function parseListsImport(json: string, region: string): ImportedLists | Failure {
  try {
    return parseListsImportUnsafe(json, region);
  } catch (e) {
    // Defence in depth: a bug in a parser below must still give a clear refusal, never a throw.
    return { error: `the file could not be read (${e instanceof Error ? e.message : String(e)})` };
  }
}

function parseListsImportUnsafe(json: string, region: string): ImportedLists | Failure {
  if (typeof json !== 'string') return { error: 'the file is not text' };
  if (json.length > MAX_IMPORT_LENGTH) {
    return { error: `the file is too big (more than ${MAX_IMPORT_LENGTH / 1024 / 1024} MB)` };
  }
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return { error: `the file is not JSON (${(e as Error).message.split('\n')[0]})` };
  }
  if (!isObject(value)) return { error: 'the file is not a Callback Guard lists export (not a JSON object)' };
  if (value.format !== LISTS_FORMAT) {
    return {
      error: `the file is not a Callback Guard lists export (format is ${quote(value.format)}, expected "${LISTS_FORMAT}")`,
    };
  }
  if (value.version !== LISTS_VERSION) {
    return typeof value.version === 'number' && value.version > LISTS_VERSION
      ? { error: `the file is version ${value.version}, made by a newer Callback Guard` }
      : { error: `the file's version is ${quote(value.version)}, expected ${LISTS_VERSION}` };
  }
  if (value.trusted === undefined && value.blocked === undefined) {
    return { error: 'the file has neither a "trusted" nor a "blocked" list' };
  }
  const out: ImportedLists = { trusted: [], blocked: [] };
  const seen = new Map<string, PersonalListName>();
  for (const list of LIST_NAMES) {
    const entries = value[list];
    if (entries === undefined) continue;
    if (!Array.isArray(entries)) return { error: `"${list}" is not a list` };
    if (entries.length > MAX_LIST_ENTRIES) {
      return { error: `"${list}" has ${entries.length} entries; at most ${MAX_LIST_ENTRIES} are allowed` };
    }
    for (let i = 0; i < entries.length; i++) {
      const where = `${list} entry ${i + 1}`;
      const entry = importEntry(entries[i], region);
      if (isFailure(entry)) return { error: `${where}: ${entry.error}` };
      const already = seen.get(entry.e164);
      if (already === list) continue;
      if (already) return { error: `${where}: ${entry.e164} is also in the ${already} list` };
      seen.set(entry.e164, list);
      out[list].push(entry);
    }
  }
  return out;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

function importEntry(v: unknown, region: string): PersonalEntry | Failure {
  if (!isObject(v)) return { error: 'not an object with a "number"' };
  const { number, e164, note, added } = v;
  if (!isString(number)) return { error: '"number" is missing or not text' };
  if (note !== undefined && !isString(note)) return { error: '"note" is not text' };
  if (isString(note) && note.length > MAX_NOTE_LENGTH) {
    return { error: `the note is longer than ${MAX_NOTE_LENGTH} characters` };
  }
  if (
    added !== undefined &&
    !(isString(added, 40) && ISO_DATE.test(added) && !Number.isNaN(Date.parse(added)))
  ) {
    return { error: `"added" ${quote(added)} is not a date` };
  }
  let canonical: string;
  if (e164 !== undefined) {
    if (!isString(e164) || !E164.test(e164)) return { error: `"e164" ${quote(e164)} is not an E.164 number` };
    const parsed = personalNumber(e164, region);
    if (isFailure(parsed)) return parsed;
    canonical = parsed.e164;
  } else {
    const parsed = personalNumber(number, region);
    if (isFailure(parsed)) return parsed;
    canonical = parsed.e164;
  }
  return {
    e164: canonical,
    number: number.trim().slice(0, MAX_NUMBER_LENGTH) || canonical,
    note: isString(note) ? note.trim() : '',
    added: isString(added) ? added : '',
  };
}

/**
 * Adds imported entries to the lists. Never removes or rewrites an existing entry: a number
 * already in the same list is left as it is, and a number the user has in the OTHER list is
 * skipped (a file cannot turn a blocked number into a trusted one, or the reverse; the user
 * moves it by hand). Entries without a date get `now`.
 */
export function mergeListsImport(
  data: UserData,
  imported: ImportedLists,
  now: string,
): { data: UserData; added: { trusted: number; blocked: number }; skipped: string[] } | Failure {
  const where = new Map<string, PersonalListName>();
  for (const list of LIST_NAMES) for (const e of data[list]) where.set(e.e164, list);
  const added = { trusted: 0, blocked: 0 };
  const skipped: string[] = [];
  const next = { trusted: [...data.trusted], blocked: [...data.blocked] };
  for (const list of LIST_NAMES) {
    for (const entry of imported[list]) {
      const existing = where.get(entry.e164);
      if (existing === list) continue;
      if (existing) {
        skipped.push(entry.e164);
        continue;
      }
      next[list].push({ ...entry, added: entry.added || now });
      where.set(entry.e164, list);
      added[list]++;
    }
    if (next[list].length > MAX_LIST_ENTRIES) {
      return { error: `after the import the ${list} list would hold more than ${MAX_LIST_ENTRIES} numbers` };
    }
  }
  return { data: { ...data, trusted: next.trusted, blocked: next.blocked }, added, skipped };
}

// ---------------------------------------------------------------------------------------------
// Missed-call notes
// ---------------------------------------------------------------------------------------------

/**
 * Records a call the user missed or doubts. The number may be anything the phone showed
 * (非通知, a short code, a malformed number): `e164` is filled only when it parses as valid.
 */
export function addMissedCall(
  data: UserData,
  input: { number: string; when: string; said: string },
  options: { region: string; now: string; id: string },
): { data: UserData; note: MissedCallNote } | Failure {
  const number = input.number.trim();
  if (number === '') return { error: 'enter the number the call came from' };
  if (number.length > MAX_NUMBER_LENGTH) return { error: `${quote(number)} is too long for a phone number` };
  if (input.said.length > MAX_NOTE_LENGTH)
    return { error: `the note is longer than ${MAX_NOTE_LENGTH} characters` };
  const when = input.when.trim();
  if (when.length > 40 || Number.isNaN(Date.parse(when)))
    return { error: `${quote(when)} is not a date and time` };
  if (data.missedCalls.length >= MAX_MISSED_CALLS) {
    return { error: `there are already ${MAX_MISSED_CALLS} notes; remove old ones first` };
  }
  const parsed = personalNumber(number, options.region);
  const note: MissedCallNote = {
    id: options.id,
    number,
    e164: isFailure(parsed) ? null : parsed.e164,
    when,
    said: input.said.trim(),
    recorded: options.now,
  };
  return { data: { ...data, missedCalls: [...data.missedCalls, note] }, note };
}

export function removeMissedCall(data: UserData, id: string): UserData {
  return { ...data, missedCalls: data.missedCalls.filter((n) => n.id !== id) };
}

/** Missed-call notes as JSON, newest call first (to hand to the police or a consumer centre). */
export function exportMissedCalls(data: UserData, now = new Date().toISOString()): string {
  const notes = [...data.missedCalls].sort((a, b) => (a.when < b.when ? 1 : a.when > b.when ? -1 : 0));
  return `${JSON.stringify({ format: MISSED_CALLS_FORMAT, version: 1, exported: now, notes }, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// Feed subscriptions
// ---------------------------------------------------------------------------------------------

/** Ed25519 SubjectPublicKeyInfo header: a DER key is this plus the raw 32 bytes. */
const ED25519_SPKI_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

function base64Bytes(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    const bin = atob(text);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/**
 * A feed's trust anchor in canonical form: `sha256:<64 lower-case hex>` (a pin of the body), or
 * the base64 raw 32-byte Ed25519 public key (a base64 SPKI key is accepted and reduced to raw).
 */
export function normalizeFeedKey(key: string): { key: string } | Failure {
  const k = key.trim();
  if (/^sha256:/i.test(k)) {
    const hex = k.slice(7).toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hex)) return { error: 'a sha256 pin is "sha256:" and 64 hexadecimal digits' };
    return { key: `sha256:${hex}` };
  }
  const bytes = base64Bytes(k);
  if (bytes && bytes.length === 32) return { key: k };
  if (bytes && bytes.length === 44 && ED25519_SPKI_PREFIX.every((b, i) => bytes[i] === b)) {
    return { key: btoa(String.fromCharCode(...bytes.slice(12))) };
  }
  return { error: 'the key must be an Ed25519 public key (base64, 32 bytes) or a "sha256:<hex>" pin' };
}

/** A feed URL in canonical form, or why it cannot be a feed: https only, no credentials. */
export function normalizeFeedUrl(input: string): { url: string } | Failure {
  const text = input.trim();
  if (text.length > MAX_URL_LENGTH) return { error: 'the feed address is too long' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { error: `${quote(text)} is not a web address` };
  }
  if (url.protocol !== 'https:') {
    return { error: `feeds must use https:// (${quote(url.protocol.replace(/:$/, ''))} is not allowed)` };
  }
  if (url.username || url.password)
    return { error: 'the feed address must not contain a user name or password' };
  url.hash = '';
  return { url: url.href };
}

export function addFeed(
  data: UserData,
  input: { url: string; publicKey?: string },
  now: string,
): { data: UserData; feed: FeedSubscription } | Failure {
  const u = normalizeFeedUrl(input.url);
  if (isFailure(u)) return u;
  let publicKey: string | undefined;
  if (input.publicKey !== undefined && input.publicKey.trim() !== '') {
    const k = normalizeFeedKey(input.publicKey);
    if (isFailure(k)) return k;
    publicKey = k.key;
  }
  if (data.feeds.some((f) => f.url === u.url)) return { error: `already subscribed to ${u.url}` };
  if (data.feeds.length >= MAX_FEEDS) return { error: `at most ${MAX_FEEDS} feeds` };
  const feed: FeedSubscription = { url: u.url, ...(publicKey ? { publicKey } : {}), added: now };
  return { data: { ...data, feeds: [...data.feeds, feed] }, feed };
}

export function removeFeed(data: UserData, url: string): UserData {
  const u = normalizeFeedUrl(url);
  const target = isFailure(u) ? url : u.url;
  return { ...data, feeds: data.feeds.filter((f) => f.url !== target && f.url !== url) };
}

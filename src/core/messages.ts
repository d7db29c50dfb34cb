/**
 * The message protocol between extension contexts: one discriminated union per direction,
 * validated at the receiving end (a content script runs in a hostile page's process, so the
 * background treats its messages as untrusted input).
 *
 * Names say who sends: `Content*` from content scripts, `Page*` from extension pages
 * (popup, options), `TestHook*` only from test builds.
 */

import type {
  FeedStatus,
  MarkingSettings,
  MissedCallNote,
  PersonalListName,
  Settings,
  UserData,
} from './user-data-types';
import type { NumberReport } from './verdict/scan';
import type { PageVerdict, Verdict } from './verdict/types';

export type Level = 'official' | 'unknown' | 'caution' | 'danger';
export const LEVELS: readonly Level[] = ['official', 'unknown', 'caution', 'danger'];

/**
 * A phone-shaped string the content script found; the background decides what it is.
 * `context` is the page text around it (for impersonation and scam wording); it stays inside
 * the extension like everything else.
 */
export interface CandidateInput {
  raw: string;
  digits: string;
  context: string;
}

export type ContentMessage =
  | { kind: 'content/candidates'; candidates: CandidateInput[]; page: PageHints }
  | { kind: 'content/ping' }
  /** Should this frame scan at all (pause, per-site switch), and what to show. */
  | { kind: 'content/status'; hostname: string }
  /** What cards and banners need, fetched on first use: strings in the page's language, styles. */
  | { kind: 'content/ui'; lang: 'ja' | 'en' }
  /** "Full protocol" link in a card: the background opens the popup page in a tab. */
  | { kind: 'content/open-protocol' };

export type PageMessage =
  | { kind: 'page/ping' }
  | { kind: 'page/lookup'; input: string; context?: string }
  /** Numbers the content scripts of a tab reported, with their verdicts (no rescan). */
  | { kind: 'page/tab-numbers'; tabId: number }
  | { kind: 'page/get-state' }
  | { kind: 'page/update-settings'; patch: Partial<Settings> }
  | { kind: 'page/set-site-enabled'; hostname: string; enabled: boolean }
  | { kind: 'page/list-put'; list: PersonalListName; number: string; note: string }
  | { kind: 'page/list-remove'; list: PersonalListName; e164: string }
  /** A JSON export of personal lists; schema-checked, applied all-or-nothing. */
  | { kind: 'page/lists-import'; json: string }
  | { kind: 'page/missed-call-add'; number: string; when: string; said: string }
  | { kind: 'page/missed-call-remove'; id: string }
  | { kind: 'page/feed-add'; url: string; publicKey?: string }
  | { kind: 'page/feed-remove'; url: string }
  | { kind: 'page/feed-update-now' };

/** Background → content script (tabs.sendMessage); the content script checks the sender is us. */
export type BackgroundToContent =
  | { kind: 'bg/status'; status: ContentStatus }
  /** Context menu "Verify this number": show the card next to the selection. */
  | { kind: 'bg/show-verdict'; selection: string; report: NumberReport | null };

export interface CandidateResult {
  start: number;
  end: number;
  verdict: Verdict;
}

export interface ContentStatus {
  /** False when paused globally or switched off for this site. */
  active: boolean;
  marking: MarkingSettings;
  /** The UI language for cards and banners when the page is neither ja nor en. */
  uiLanguage: 'ja' | 'en';
}

export interface TabNumber {
  raw: string;
  e164: string | null;
  level: Level;
  verdict: Verdict;
}

/** Everything the options page and popup show about the user's data. */
export interface StateView {
  user: UserData;
  feeds: FeedStatus[];
  data: { version: string; numbers: number; byCountry: Record<string, number>; rules: number };
  /** Where the last write failed (quota, storage error), so the UI can say so. */
  storageError: string | null;
}

export type TestHookMessage =
  | { kind: 'test/open-extension-page'; path: string }
  /** Stands in for a right-click on "Verify this number" (drivers cannot click browser menus). */
  | { kind: 'test/context-menu'; selectionText: string; inUnscriptableTab?: boolean }
  /** How many candidate messages the sender's tab has sent (batching is the content script's contract). */
  | { kind: 'test/candidate-messages' };

export type Request = ContentMessage | PageMessage | TestHookMessage;

/**
 * The in-page UI's strings (_locales, one language) and stylesheets. They come from the
 * background on first use so that the script injected into every frame carries neither.
 */
export interface ContentUi {
  strings: Record<string, string>;
  css: { card: string; banner: string };
}

export interface PageHints {
  lang: string;
  hostname: string;
  title: string;
}

/** Responses, keyed by request kind, so `send` is typed end to end. */
export interface ResponseMap {
  /**
   * One list per candidate: the numbers inside it (usually one; a run such as
   * "0120-111-222 0120-333-444" holds two), offsets relative to the candidate's raw text.
   * Empty where the candidate turned out not to be a phone number.
   */
  'content/candidates': { results: CandidateResult[][]; page: PageVerdict };
  'content/ping': Pong;
  'page/ping': Pong;
  'content/status': ContentStatus;
  'content/ui': ContentUi;
  'content/open-protocol': { opened: true };
  'page/lookup': { input: string; report: NumberReport | null };
  'page/tab-numbers': { numbers: TabNumber[]; page: PageVerdict | null };
  'page/get-state': StateView;
  'page/update-settings': StateView;
  'page/set-site-enabled': StateView;
  'page/list-put': StateView;
  'page/list-remove': StateView;
  'page/lists-import': StateView & { imported: { trusted: number; blocked: number } };
  'page/missed-call-add': StateView & { note: MissedCallNote };
  'page/missed-call-remove': StateView;
  'page/feed-add': StateView;
  'page/feed-remove': StateView;
  'page/feed-update-now': StateView;
  'test/open-extension-page': { opened: true };
  'test/context-menu': { done: true };
  'test/candidate-messages': { count: number };
}

export interface Pong {
  pong: true;
  version: string;
}

export type ResponseFor<R extends Request> = ResponseMap[R['kind']];

/** Every reply is either the typed response or an error the sender can show. */
export type Reply<R extends Request> = { ok: true; value: ResponseFor<R> } | { ok: false; error: string };

/** Limits that keep a hostile page from making the background do unbounded work. */
export const MAX_CANDIDATES_PER_MESSAGE = 2000;
const MAX_RAW_LENGTH = 64;
export const MAX_CONTEXT_LENGTH = 400;
const MAX_HINT_LENGTH = 512;
const MAX_LOOKUP_LENGTH = 1000;

const MAX_NOTE_LENGTH = 500;
const MAX_IMPORT_LENGTH = 5 * 1024 * 1024;

const isListName = (v: unknown): v is PersonalListName => v === 'trusted' || v === 'blocked';
const isHostname = (v: unknown): v is string => typeof v === 'string' && /^[a-z0-9.-]{1,253}$/i.test(v);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isShortString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

function parseCandidates(v: unknown): CandidateInput[] | string {
  if (!Array.isArray(v)) return 'candidates must be an array';
  if (v.length > MAX_CANDIDATES_PER_MESSAGE)
    return `at most ${MAX_CANDIDATES_PER_MESSAGE} candidates per message`;
  const out: CandidateInput[] = [];
  for (const c of v) {
    if (
      !isObject(c) ||
      !isShortString(c.raw, MAX_RAW_LENGTH) ||
      !isShortString(c.digits, MAX_RAW_LENGTH) ||
      !isShortString(c.context, MAX_CONTEXT_LENGTH)
    ) {
      return 'each candidate needs string raw and digits (≤ 64 characters) and context (≤ 400)';
    }
    if (!/^\+?[0-9]*$/.test(c.digits))
      return 'candidate digits must be ASCII digits with an optional leading +';
    out.push({ raw: c.raw, digits: c.digits, context: c.context });
  }
  return out;
}

/** Only known settings with the right types; anything else is refused, not ignored. */
function parseSettingsPatch(v: unknown): Partial<Settings> | string {
  if (!isObject(v)) return 'settings patch must be an object';
  const patch: Partial<Settings> = {};
  for (const [key, value] of Object.entries(v)) {
    switch (key) {
      case 'region':
        if (value !== 'auto' && !(typeof value === 'string' && /^[A-Z]{2}$/.test(value)))
          return 'region must be auto or a country code';
        patch.region = value;
        break;
      case 'language':
        if (value !== 'auto' && value !== 'ja' && value !== 'en') return 'language must be auto, ja or en';
        patch.language = value;
        break;
      case 'paused':
        if (typeof value !== 'boolean') return 'paused must be a boolean';
        patch.paused = value;
        break;
      case 'marking': {
        if (!isObject(value)) return 'marking must be an object';
        const { official, caution, danger, unknown } = value;
        if (![official, caution, danger, unknown].every((b) => typeof b === 'boolean')) {
          return 'marking needs booleans official, caution, danger and unknown';
        }
        patch.marking = { official, caution, danger, unknown } as MarkingSettings;
        break;
      }
      case 'disabledSites':
        if (!Array.isArray(value) || value.length > 10_000 || !value.every(isHostname)) {
          return 'disabledSites must be a list of hostnames';
        }
        patch.disabledSites = [...value];
        break;
      default:
        return `unknown setting "${key.slice(0, 40)}"`;
    }
  }
  return patch;
}

function parseHints(v: unknown): PageHints | string {
  if (!isObject(v)) return 'page hints must be an object';
  const { lang, hostname, title } = v;
  if (
    !isShortString(lang, MAX_HINT_LENGTH) ||
    !isShortString(hostname, MAX_HINT_LENGTH) ||
    !isShortString(title, MAX_HINT_LENGTH)
  ) {
    return 'page hints need string lang, hostname and title (≤ 512 characters)';
  }
  return { lang, hostname, title };
}

/**
 * Turns an untrusted value into a Request, or explains in one line why it is not one.
 * Only shapes are checked here; who may send what is the router's job (it knows the sender).
 */
export function parseRequest(value: unknown): Request | { error: string } {
  if (!isObject(value) || typeof value.kind !== 'string')
    return { error: 'message must be an object with a kind' };
  switch (value.kind) {
    case 'content/ping':
    case 'page/ping':
      return { kind: value.kind };
    case 'content/candidates': {
      const candidates = parseCandidates(value.candidates);
      if (typeof candidates === 'string') return { error: candidates };
      const page = parseHints(value.page);
      if (typeof page === 'string') return { error: page };
      return { kind: 'content/candidates', candidates, page };
    }
    case 'page/lookup': {
      if (!isShortString(value.input, MAX_LOOKUP_LENGTH))
        return { error: 'lookup input must be a string (≤ 1000 characters)' };
      if (value.context !== undefined && !isShortString(value.context, MAX_LOOKUP_LENGTH)) {
        return { error: 'lookup context must be a string (≤ 1000 characters)' };
      }
      return {
        kind: 'page/lookup',
        input: value.input,
        ...(value.context !== undefined ? { context: value.context } : {}),
      };
    }
    case 'content/ui':
      if (value.lang !== 'ja' && value.lang !== 'en') return { error: 'lang must be ja or en' };
      return { kind: 'content/ui', lang: value.lang };
    case 'content/open-protocol':
      return { kind: 'content/open-protocol' };
    case 'content/status':
      if (!isShortString(value.hostname, MAX_HINT_LENGTH)) return { error: 'hostname must be a string' };
      return { kind: 'content/status', hostname: value.hostname };
    case 'page/tab-numbers':
      if (!Number.isSafeInteger(value.tabId)) return { error: 'tabId must be an integer' };
      return { kind: 'page/tab-numbers', tabId: value.tabId as number };
    case 'page/get-state':
    case 'page/feed-update-now':
      return { kind: value.kind };
    case 'page/update-settings': {
      const patch = parseSettingsPatch(value.patch);
      return typeof patch === 'string' ? { error: patch } : { kind: 'page/update-settings', patch };
    }
    case 'page/set-site-enabled':
      if (!isHostname(value.hostname) || typeof value.enabled !== 'boolean') {
        return { error: 'set-site-enabled needs a hostname and a boolean' };
      }
      return { kind: 'page/set-site-enabled', hostname: value.hostname, enabled: value.enabled };
    case 'page/list-put':
      if (
        !isListName(value.list) ||
        !isShortString(value.number, 100) ||
        !isShortString(value.note, MAX_NOTE_LENGTH)
      ) {
        return { error: 'list-put needs list (trusted|blocked), number (≤ 100) and note (≤ 500)' };
      }
      return { kind: 'page/list-put', list: value.list, number: value.number, note: value.note };
    case 'page/list-remove':
      if (!isListName(value.list) || !isShortString(value.e164, 21))
        return { error: 'list-remove needs list and e164' };
      return { kind: 'page/list-remove', list: value.list, e164: value.e164 };
    case 'page/lists-import':
      if (!isShortString(value.json, MAX_IMPORT_LENGTH))
        return { error: 'import must be JSON text of at most 5 MB' };
      return { kind: 'page/lists-import', json: value.json };
    case 'page/missed-call-add':
      if (
        !isShortString(value.number, 100) ||
        !isShortString(value.when, 40) ||
        !isShortString(value.said, MAX_NOTE_LENGTH)
      ) {
        return { error: 'missed-call-add needs number (≤ 100), when (≤ 40) and said (≤ 500)' };
      }
      return { kind: 'page/missed-call-add', number: value.number, when: value.when, said: value.said };
    case 'page/missed-call-remove':
      if (!isShortString(value.id, 64)) return { error: 'missed-call-remove needs an id' };
      return { kind: 'page/missed-call-remove', id: value.id };
    case 'page/feed-add':
      if (
        !isShortString(value.url, 2048) ||
        (value.publicKey !== undefined && !isShortString(value.publicKey, 200))
      ) {
        return { error: 'feed-add needs a url (≤ 2048) and an optional publicKey (≤ 200)' };
      }
      return {
        kind: 'page/feed-add',
        url: value.url,
        ...(value.publicKey !== undefined ? { publicKey: value.publicKey } : {}),
      };
    case 'page/feed-remove':
      if (!isShortString(value.url, 2048)) return { error: 'feed-remove needs a url' };
      return { kind: 'page/feed-remove', url: value.url };
    case 'test/context-menu':
      if (!isShortString(value.selectionText, 200)) return { error: 'selectionText must be a string' };
      return {
        kind: 'test/context-menu',
        selectionText: value.selectionText,
        ...(value.inUnscriptableTab === true ? { inUnscriptableTab: true } : {}),
      };
    case 'test/candidate-messages':
      return { kind: 'test/candidate-messages' };
    case 'test/open-extension-page':
      if (
        !isShortString(value.path, 200) ||
        !/^[a-z0-9/_.-]+\.html(\?[a-zA-Z0-9=&%_.-]*)?$/.test(value.path)
      ) {
        return { error: 'path must be an extension page such as src/popup/index.html' };
      }
      return { kind: 'test/open-extension-page', path: value.path };
    default:
      return { error: `unknown message kind "${String(value.kind).slice(0, 40)}"` };
  }
}

/** Which contexts may send which kinds. The router enforces it with the real sender. */
export type SenderContext = 'content' | 'extension-page';

/** Checks a message from the background to a content script (the content script's side). */
export function parseBackgroundMessage(value: unknown): BackgroundToContent | null {
  if (!isObject(value)) return null;
  if (value.kind === 'bg/status' && isObject(value.status)) return value as BackgroundToContent;
  if (value.kind === 'bg/show-verdict' && typeof value.selection === 'string')
    return value as BackgroundToContent;
  return null;
}

export function allowedSender(kind: Request['kind'], context: SenderContext): boolean {
  if (kind.startsWith('content/')) return context === 'content';
  if (kind.startsWith('page/')) return context === 'extension-page';
  // Test hooks come through a content script of the test page (Firefox refuses driver navigation
  // to moz-extension:// URLs); the router drops them entirely in store builds.
  return context === 'content';
}

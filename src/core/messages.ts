/**
 * The message protocol between extension contexts: one discriminated union per direction,
 * validated at the receiving end (a content script runs in a hostile page's process, so the
 * background treats its messages as untrusted input).
 *
 * Names say who sends: `Content*` from content scripts, `Page*` from extension pages
 * (popup, options), `TestHook*` only from test builds.
 */

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
  | { kind: 'content/ping' };

export type PageMessage = { kind: 'page/ping' } | { kind: 'page/lookup'; input: string };

export type TestHookMessage = { kind: 'test/open-extension-page'; path: string };

export type Request = ContentMessage | PageMessage | TestHookMessage;

export interface PageHints {
  lang: string;
  hostname: string;
  title: string;
}

/** Responses, keyed by request kind, so `send` is typed end to end. */
export interface ResponseMap {
  /** One entry per candidate; null where the candidate turned out not to be a phone number. */
  'content/candidates': { verdicts: Array<Verdict | null>; page: PageVerdict };
  'content/ping': Pong;
  'page/ping': Pong;
  'page/lookup': { input: string; report: NumberReport | null };
  'test/open-extension-page': { opened: true };
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
    case 'page/lookup':
      if (!isShortString(value.input, MAX_LOOKUP_LENGTH))
        return { error: 'lookup input must be a string (≤ 1000 characters)' };
      return { kind: 'page/lookup', input: value.input };
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

export function allowedSender(kind: Request['kind'], context: SenderContext): boolean {
  if (kind.startsWith('content/')) return context === 'content';
  if (kind.startsWith('page/')) return context === 'extension-page';
  // Test hooks come through a content script of the test page (Firefox refuses driver navigation
  // to moz-extension:// URLs); the router drops them entirely in store builds.
  return context === 'content';
}

/**
 * Registry feeds: whole-list downloads of compiled data (src/core/registry/compiled.ts) that add
 * numbers and rules to the bundled registry. Pure: the background fetches and stores; this file
 * decides whether a download is acceptable and how it combines with the bundled data.
 *
 * Trust model (the decision this file implements):
 * - A feed is only as trustworthy as its publisher, so it can ADD, never take away: every bundled
 *   organisation, number and rule is kept exactly as it is, and a feed entry that collides with
 *   a bundled one (same E.164 or short code, same org id, same rule id) is dropped.
 * - A feed can never turn against a bundled official number: feed rules whose e164 / prefix /
 *   calling code / NANP area would match a bundled number from an official source are dropped
 *   (the whole rule, or the single reported number), and a feed's `unassignedCallingCode` rule
 *   never replaces the bundled one.
 * - Only a feed whose body was verified (Ed25519 signature with the key the user entered, or a
 *   sha256 pin of the body) may carry `official` entries, attach numbers to bundled organisations
 *   or claim an organisation's web domains (which silence impersonation warnings on that site).
 *   For an unverified feed, `official` sources become `secondary`, domains are dropped and
 *   numbers it attaches to an organisation it did not introduce (bundled, or from another feed)
 *   are dropped: it can never make a number look official, nor make an impersonator look like
 *   the real company.
 * - Between feeds, the first subscription wins a collision.
 */
import {
  COMPILED_FORMAT,
  type CompiledData,
  type CompiledNumber,
  type CompiledOrg,
} from './registry/compiled';
import {
  type Confidence,
  type LocalText,
  type NumberKind,
  type OrgCategory,
  type PatternMatch,
  type PatternReason,
  type PatternRuleSource,
  PHRASE_LANGS,
  type PhraseCategory,
  type PhraseLang,
  type Severity,
  type SourceKind,
  type SourceRef,
} from './registry/source-types';

export type Failure = { error: string };

/** A feed body larger than this is refused while it downloads. */
export const MAX_FEED_BYTES = 10 * 1024 * 1024;
export const FEED_LIMITS = {
  orgs: 20_000,
  numbers: 200_000,
  rules: 10_000,
  /** Items in one rule's list (reported numbers, prefixes, phrases). */
  ruleItems: 200_000,
  /** Items across all rules' lists. */
  totalRuleItems: 500_000,
  aliases: 100,
  domains: 50,
  text: 2_000,
  id: 128,
} as const;

// ---------------------------------------------------------------------------------------------
// Structural validation
// ---------------------------------------------------------------------------------------------

class Invalid extends Error {}

const fail = (path: string, message: string): never => {
  throw new Invalid(`${path}: ${message}`);
};
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function obj(v: unknown, path: string): Record<string, unknown> {
  if (!isObject(v)) fail(path, 'must be an object');
  return v as Record<string, unknown>;
}

function str(v: unknown, path: string, opts: { max?: number; min?: number; pattern?: RegExp } = {}): string {
  if (typeof v !== 'string') return fail(path, 'must be text');
  const max = opts.max ?? FEED_LIMITS.text;
  if (v.length > max) fail(path, `is longer than ${max} characters`);
  if (v.length < (opts.min ?? 0)) fail(path, `is shorter than ${opts.min} characters`);
  if (opts.pattern && !opts.pattern.test(v))
    fail(path, `${JSON.stringify(v.slice(0, 40))} has the wrong form`);
  return v;
}

function oneOf<T extends string>(v: unknown, path: string, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    fail(path, `must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}

function arr(v: unknown, path: string, max: number, min = 0): unknown[] {
  if (!Array.isArray(v)) return fail(path, 'must be a list');
  if (v.length > max) fail(path, `has more than ${max} items`);
  if (v.length < min) fail(path, `needs at least ${min} item${min === 1 ? '' : 's'}`);
  return v;
}

function noExtra(o: Record<string, unknown>, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) fail(path, `unexpected field ${JSON.stringify(key.slice(0, 40))}`);
  }
}

function strings(
  v: unknown,
  path: string,
  max: number,
  opts: Parameters<typeof str>[2] = {},
  min = 0,
): string[] {
  return arr(v, path, max, min).map((s, i) => str(s, `${path}[${i}]`, opts));
}

function localText(v: unknown, path: string): LocalText {
  const o = obj(v, path);
  noExtra(o, path, ['ja', 'en']);
  return { ja: str(o.ja, `${path}.ja`, { min: 1 }), en: str(o.en, `${path}.en`, { min: 1 }) };
}

const SOURCE_KINDS: readonly SourceKind[] = ['official', 'secondary'];
const DATE = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;

function sourceRef(v: unknown, path: string): SourceRef {
  const o = obj(v, path);
  noExtra(o, path, ['url', 'checked', 'kind']);
  return {
    url: str(o.url, `${path}.url`, { pattern: /^https?:\/\/\S+$/ }),
    checked: str(o.checked, `${path}.checked`, { pattern: DATE }),
    kind: oneOf(o.kind, `${path}.kind`, SOURCE_KINDS),
  };
}

const CATEGORIES: readonly OrgCategory[] = [
  'card',
  'bank',
  'public',
  'police',
  'telecom',
  'company',
  'government',
  'consumer',
];
const NUMBER_KINDS: readonly NumberKind[] = ['voice', 'sms-sender', 'short-code', 'fax'];
const CONFIDENCES: readonly Confidence[] = ['high', 'medium', 'low'];
const REASONS: readonly PatternReason[] = [
  'premium-rate',
  'one-ring-country',
  'international-unexpected',
  'unassigned-code',
  'caller-pays',
  'ip-phone',
  'reported-scam',
  'scam-context',
];
const SEVERITIES: readonly Severity[] = ['danger', 'caution', 'info'];
const PHRASE_CATEGORIES: readonly PhraseCategory[] = [
  'urgency',
  'threat',
  'refund-atm',
  'tech-support',
  'remote-access',
  'gift-card',
  'safe-account',
  'credentials',
  'arrest',
  'unpaid-fee',
];
const COUNTRY = /^[A-Z]{2}$/;
const E164 = /^\+[1-9][0-9]{3,14}$/;
const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

function org(v: unknown, path: string): CompiledOrg {
  const o = obj(v, path);
  noExtra(o, path, ['id', 'country', 'name', 'aliases', 'category', 'domains']);
  return {
    id: str(o.id, `${path}.id`, { max: FEED_LIMITS.id, pattern: /^[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*$/ }),
    country: str(o.country, `${path}.country`, { pattern: COUNTRY }),
    name: localText(o.name, `${path}.name`),
    aliases: strings(o.aliases, `${path}.aliases`, FEED_LIMITS.aliases, { min: 2, max: 200 }),
    category: oneOf(o.category, `${path}.category`, CATEGORIES),
    domains: strings(o.domains, `${path}.domains`, FEED_LIMITS.domains, { max: 253, pattern: HOST }),
  };
}

function number(v: unknown, path: string, orgCount: number): CompiledNumber {
  const o = obj(v, path);
  noExtra(o, path, [
    'org',
    'country',
    'e164',
    'shortCode',
    'printed',
    'purpose',
    'hours',
    'kind',
    'source',
    'confidence',
  ]);
  if (typeof o.org !== 'number' || !Number.isInteger(o.org) || o.org < 0 || o.org >= orgCount) {
    fail(`${path}.org`, `must be the index of an organisation (0 to ${orgCount - 1})`);
  }
  const e164 = o.e164 === null ? null : str(o.e164, `${path}.e164`, { pattern: E164 });
  const shortCode =
    o.shortCode === null ? null : str(o.shortCode, `${path}.shortCode`, { pattern: /^#?[0-9]{3,4}$/ });
  const kind = oneOf(o.kind, `${path}.kind`, NUMBER_KINDS);
  if ((e164 === null) === (shortCode === null)) fail(path, 'needs exactly one of e164 and shortCode');
  if ((kind === 'short-code') !== (shortCode !== null))
    fail(path, 'a shortCode goes with kind "short-code" only');
  return {
    org: o.org as number,
    country: str(o.country, `${path}.country`, { pattern: COUNTRY }),
    e164,
    shortCode,
    printed: str(o.printed, `${path}.printed`, { min: 3, max: 64 }),
    purpose: localText(o.purpose, `${path}.purpose`),
    ...(o.hours !== undefined ? { hours: localText(o.hours, `${path}.hours`) } : {}),
    kind,
    source: sourceRef(o.source, `${path}.source`),
    confidence: oneOf(o.confidence, `${path}.confidence`, CONFIDENCES),
  };
}

function match(v: unknown, path: string, budget: { items: number }): PatternMatch {
  const o = obj(v, path);
  const keys = Object.keys(o);
  const list = (key: string, pattern: RegExp, opts: { min?: number; max?: number } = {}): string[] => {
    const items = strings(o[key], `${path}.${key}`, FEED_LIMITS.ruleItems, { pattern, ...opts }, 1);
    budget.items -= items.length;
    if (budget.items < 0) fail(path, `the rules list more than ${FEED_LIMITS.totalRuleItems} items in all`);
    return items;
  };
  const only = (...allowed: string[]) => noExtra(o, path, allowed);
  if ('e164Prefix' in o) {
    only('e164Prefix');
    return { e164Prefix: list('e164Prefix', /^\+[1-9][0-9]{0,13}$/) };
  }
  if ('callingCode' in o) {
    only('callingCode');
    return { callingCode: list('callingCode', /^[1-9][0-9]{0,2}$/) };
  }
  if ('nanpAreaCode' in o) {
    only('nanpAreaCode');
    return { nanpAreaCode: list('nanpAreaCode', /^[2-9][0-9]{2}$/) };
  }
  if ('unassignedCallingCode' in o) {
    only('unassignedCallingCode');
    if (o.unassignedCallingCode !== true) fail(`${path}.unassignedCallingCode`, 'must be true');
    return { unassignedCallingCode: true };
  }
  if ('internationalOnPage' in o) {
    only('internationalOnPage');
    return { internationalOnPage: list('internationalOnPage', /^[a-z]{2}$/) };
  }
  if ('phrases' in o) {
    only('phrases', 'category');
    const p = obj(o.phrases, `${path}.phrases`);
    noExtra(p, `${path}.phrases`, PHRASE_LANGS);
    if (PHRASE_LANGS.every((lang) => p[lang] === undefined))
      fail(`${path}.phrases`, 'needs phrases in some language');
    const phrases: Partial<Record<PhraseLang, string[]>> = {};
    for (const lang of PHRASE_LANGS) {
      if (p[lang] === undefined) continue;
      const items = strings(
        p[lang],
        `${path}.phrases.${lang}`,
        FEED_LIMITS.ruleItems,
        { min: 2, max: 48 },
        1,
      );
      budget.items -= items.length;
      if (budget.items < 0) fail(path, `the rules list more than ${FEED_LIMITS.totalRuleItems} items in all`);
      phrases[lang] = items;
    }
    return { phrases, category: oneOf(o.category, `${path}.category`, PHRASE_CATEGORIES) };
  }
  if (keys.length === 0) fail(path, 'is empty');
  only('e164', 'raw');
  const reported: { e164?: string[]; raw?: string[] } = {};
  if (o.e164 !== undefined) reported.e164 = list('e164', E164);
  if (o.raw !== undefined) reported.raw = list('raw', /\d/, { min: 3, max: 64 });
  return reported;
}

function rule(v: unknown, path: string, budget: { items: number }): PatternRuleSource {
  const o = obj(v, path);
  noExtra(o, path, ['id', 'reason', 'severity', 'match', 'description', 'source']);
  const r: PatternRuleSource = {
    id: str(o.id, `${path}.id`, { max: FEED_LIMITS.id, pattern: /^[a-z0-9]+(-[a-z0-9]+)*$/ }),
    reason: oneOf(o.reason, `${path}.reason`, REASONS),
    severity: oneOf(o.severity, `${path}.severity`, SEVERITIES),
    match: match(o.match, `${path}.match`, budget),
    description: localText(o.description, `${path}.description`),
    source: sourceRef(o.source, `${path}.source`),
  };
  if ('phrases' in r.match && r.reason !== 'scam-context')
    fail(`${path}.reason`, 'phrase rules must be "scam-context"');
  return r;
}

/**
 * Untrusted JSON → compiled data, rebuilt field by field (nothing unknown is carried over), or
 * one line naming the first problem (`numbers[12].e164: "+81x" has the wrong form`). Never throws.
 */
export function validateCompiledData(json: unknown): CompiledData | Failure {
  try {
    const o = obj(json, 'feed');
    noExtra(o, 'feed', ['format', 'version', 'orgs', 'numbers', 'rules']);
    if (o.format !== COMPILED_FORMAT) {
      fail(
        'format',
        `is ${JSON.stringify(o.format) ?? 'missing'}, this version reads format ${COMPILED_FORMAT}`,
      );
    }
    const version = str(o.version, 'version', { min: 1, max: 100 });
    const orgs = arr(o.orgs, 'orgs', FEED_LIMITS.orgs).map((x, i) => org(x, `orgs[${i}]`));
    const ids = new Set<string>();
    orgs.forEach((x, i) => {
      if (ids.has(x.id)) fail(`orgs[${i}].id`, `"${x.id}" is used twice`);
      ids.add(x.id);
    });
    const numbers = arr(o.numbers, 'numbers', FEED_LIMITS.numbers).map((x, i) =>
      number(x, `numbers[${i}]`, orgs.length),
    );
    const budget = { items: FEED_LIMITS.totalRuleItems };
    const rules = arr(o.rules, 'rules', FEED_LIMITS.rules).map((x, i) => rule(x, `rules[${i}]`, budget));
    return { format: COMPILED_FORMAT, version, orgs, numbers, rules };
  } catch (e) {
    if (e instanceof Invalid) return { error: e.message };
    return { error: `the feed could not be checked (${e instanceof Error ? e.message : String(e)})` };
  }
}

/** Bytes → compiled data, or why not: UTF-8, JSON, then the structure. */
export function parseFeedBody(body: ArrayBuffer): CompiledData | Failure {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return { error: 'the feed is not UTF-8 text' };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { error: `the feed is not JSON, or was cut short (${(e as Error).message.split('\n')[0]})` };
  }
  return validateCompiledData(json);
}

// ---------------------------------------------------------------------------------------------
// Downloading with a size cap
// ---------------------------------------------------------------------------------------------

/**
 * Reads a response body, refusing it as soon as it passes `cap` bytes: a declared
 * Content-Length over the cap is refused before reading, and a body that lies or streams on is
 * cancelled mid-stream (the caller's AbortController is aborted too, closing the connection).
 */
export async function readBodyCapped(
  response: Pick<Response, 'headers' | 'body'>,
  cap: number = MAX_FEED_BYTES,
  controller?: AbortController,
): Promise<ArrayBuffer | Failure> {
  const tooBig = { error: `the feed is larger than ${formatBytes(cap)}` };
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > cap) {
    await response.body?.cancel().catch(() => {});
    controller?.abort();
    return tooBig;
  }
  if (!response.body) return new ArrayBuffer(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > cap) {
        await reader.cancel().catch(() => {});
        controller?.abort();
        return tooBig;
      }
      chunks.push(value);
    }
  } catch (e) {
    return { error: `the download broke off (${e instanceof Error ? e.message : String(e)})` };
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${n} bytes`;
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

/** How a feed body was checked: with the user's Ed25519 key, against a sha256 pin, or not at all. */
export type FeedTrust = 'signed' | 'pinned' | 'unsigned';
export const isVerified = (trust: FeedTrust): boolean => trust !== 'unsigned';

function base64ToBytes(text: string): Uint8Array<ArrayBuffer> | null {
  const t = text.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(t) || t.length % 4 !== 0) return null;
  try {
    const bin = atob(t);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

const toHex = (buf: ArrayBuffer): string =>
  [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

/** Compares two strings in time independent of where they differ. */
function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export async function sha256Hex(body: ArrayBuffer): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', body));
}

/**
 * Checks a downloaded body against the subscription's key:
 * - no key: accepted as `unsigned` (its entries can never be official, see mergeKnowledge);
 * - `sha256:<hex>`: the SHA-256 of the body must equal the pin (`pinned`; `signature` unused);
 * - otherwise a base64 raw 32-byte Ed25519 public key: `signature` (base64, from `<url>.sig`)
 *   must be a valid signature of the exact body bytes (`signed`).
 * Never throws.
 */
export async function verifyFeed(
  body: ArrayBuffer,
  signature: string | null,
  publicKey: string | undefined,
): Promise<{ ok: true; trust: FeedTrust } | { ok: false; error: string }> {
  try {
    if (publicKey === undefined || publicKey === '') return { ok: true, trust: 'unsigned' };
    if (publicKey.startsWith('sha256:')) {
      const want = publicKey.slice(7).toLowerCase();
      if (!/^[0-9a-f]{64}$/.test(want))
        return { ok: false, error: 'the sha256 pin is not 64 hexadecimal digits' };
      const got = await sha256Hex(body);
      return sameText(got, want)
        ? { ok: true, trust: 'pinned' }
        : { ok: false, error: `the feed's SHA-256 is ${got}, not the pinned ${want}` };
    }
    const key = base64ToBytes(publicKey);
    if (key?.length !== 32)
      return { ok: false, error: 'the public key is not a base64 Ed25519 key (32 bytes)' };
    if (signature === null)
      return { ok: false, error: 'the feed has no signature (expected at <feed address>.sig)' };
    const sig = base64ToBytes(signature);
    if (sig?.length !== 64)
      return { ok: false, error: 'the signature is not a base64 Ed25519 signature (64 bytes)' };
    let cryptoKey: CryptoKey;
    try {
      cryptoKey = await crypto.subtle.importKey('raw', key, { name: 'Ed25519' }, false, ['verify']);
    } catch (e) {
      return { ok: false, error: `this browser cannot use the Ed25519 key (${(e as Error).message})` };
    }
    const ok = await crypto.subtle.verify({ name: 'Ed25519' }, cryptoKey, sig, body);
    return ok
      ? { ok: true, trust: 'signed' }
      : { ok: false, error: 'the signature does not match the feed and the public key' };
  } catch (e) {
    return {
      ok: false,
      error: `the feed could not be verified (${e instanceof Error ? e.message : String(e)})`,
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Merging
// ---------------------------------------------------------------------------------------------

export interface VerifiedFeed {
  /** For messages and ordering only. */
  url?: string;
  data: CompiledData;
  trust: FeedTrust;
}

export interface MergeReport {
  data: CompiledData;
  /** Per feed, in order: what was added and what was dropped (with the reason). */
  feeds: Array<{ url?: string; numbers: number; rules: number; orgs: number; dropped: string[] }>;
}

const numberKey = (n: CompiledNumber): string => n.e164 ?? `${n.country}:${n.shortCode}`;

/**
 * The prefix of a feed rule that would match one of `officialPrefixes` (every prefix of every
 * bundled official E.164 number), as the verdict engine applies rules; null when none does.
 */
function ruleHit(m: PatternMatch, officialPrefixes: ReadonlySet<string>): string | null {
  let prefixes: string[] = [];
  if ('e164Prefix' in m) prefixes = m.e164Prefix;
  else if ('callingCode' in m) prefixes = m.callingCode.map((cc) => `+${cc}`);
  else if ('nanpAreaCode' in m) prefixes = m.nanpAreaCode.map((a) => `+1${a}`);
  return prefixes.find((p) => officialPrefixes.has(p)) ?? null;
}

/**
 * Bundled data plus verified feeds → the data verdicts use (see the trust model at the top).
 * Bundled entries are always all present, unchanged, at the same indices.
 */
export function mergeKnowledgeReport(bundled: CompiledData, feeds: readonly VerifiedFeed[]): MergeReport {
  const orgs: CompiledOrg[] = [...bundled.orgs];
  const numbers: CompiledNumber[] = [...bundled.numbers];
  const rules: PatternRuleSource[] = [...bundled.rules];
  const orgIndex = new Map<string, number>(orgs.map((o, i) => [o.id, i]));
  const claimed = new Set(numbers.map(numberKey));
  const ruleIds = new Set(rules.map((r) => r.id));
  const officialE164 = bundled.numbers
    .filter((n) => n.source.kind === 'official' && n.e164)
    .map((n) => n.e164 as string);
  const officialSet = new Set(officialE164);
  const officialPrefixes = new Set<string>();
  for (const e of officialE164) for (let i = 2; i <= e.length; i++) officialPrefixes.add(e.slice(0, i));
  let hasUnassigned = rules.some((r) => 'unassignedCallingCode' in r.match);
  const report: MergeReport['feeds'] = [];

  for (const feed of feeds) {
    const verified = isVerified(feed.trust);
    const dropped: string[] = [];
    const added = { numbers: 0, rules: 0, orgs: 0 };
    const downgrade = (s: SourceRef): SourceRef =>
      verified || s.kind !== 'official' ? s : { ...s, kind: 'secondary' };
    // Feed org index → merged index; null when the feed may not use that organisation.
    const mapOrg: Array<number | null> = feed.data.orgs.map((o) => {
      const existing = orgIndex.get(o.id);
      // An unverified feed attaches numbers only to organisations it introduces itself.
      if (existing !== undefined) return verified ? existing : null;
      const index = orgs.length;
      orgs.push({ ...o, domains: verified ? [...o.domains] : [] });
      orgIndex.set(o.id, index);
      added.orgs++;
      return index;
    });
    for (const n of feed.data.numbers) {
      const key = numberKey(n);
      const target = mapOrg[n.org];
      if (target === null || target === undefined) {
        dropped.push(`${key}: an unverified feed cannot add numbers to "${feed.data.orgs[n.org]?.id}"`);
        continue;
      }
      if (claimed.has(key)) {
        dropped.push(`${key}: already listed`);
        continue;
      }
      claimed.add(key);
      numbers.push({ ...n, org: target, source: downgrade(n.source) });
      added.numbers++;
    }
    for (const r of feed.data.rules) {
      if (ruleIds.has(r.id)) {
        dropped.push(`rule ${r.id}: id already used`);
        continue;
      }
      const m = r.match;
      if ('unassignedCallingCode' in m) {
        if (hasUnassigned) {
          dropped.push(`rule ${r.id}: the unassigned-code rule is already set`);
          continue;
        }
        hasUnassigned = true;
      }
      let matchOut: PatternMatch = m;
      if ('e164Prefix' in m || 'callingCode' in m || 'nanpAreaCode' in m) {
        const hit = ruleHit(m, officialPrefixes);
        if (hit) {
          dropped.push(`rule ${r.id}: ${hit} would flag official numbers`);
          continue;
        }
      } else if (!('phrases' in m) && !('internationalOnPage' in m) && !('unassignedCallingCode' in m)) {
        const e164 = m.e164?.filter((e) => !officialSet.has(e));
        if (m.e164 && e164 && e164.length < m.e164.length) {
          dropped.push(`rule ${r.id}: ${m.e164.length - e164.length} official number(s) removed from it`);
        }
        if ((!e164 || e164.length === 0) && !m.raw) continue;
        matchOut = { ...(e164 && e164.length > 0 ? { e164 } : {}), ...(m.raw ? { raw: m.raw } : {}) };
      }
      ruleIds.add(r.id);
      rules.push({ ...r, match: matchOut, source: downgrade(r.source) });
      added.rules++;
    }
    report.push({ ...(feed.url ? { url: feed.url } : {}), ...added, dropped });
  }
  const version = [bundled.version, ...feeds.map((f) => f.data.version)].join('+');
  return { data: { format: COMPILED_FORMAT, version, orgs, numbers, rules }, feeds: report };
}

export function mergeKnowledge(bundled: CompiledData, feeds: readonly VerifiedFeed[]): CompiledData {
  return mergeKnowledgeReport(bundled, feeds).data;
}

/** What options shows about the data in use. */
export function summarizeData(data: CompiledData): {
  version: string;
  numbers: number;
  byCountry: Record<string, number>;
  rules: number;
} {
  const byCountry: Record<string, number> = {};
  for (const n of data.numbers) byCountry[n.country] = (byCountry[n.country] ?? 0) + 1;
  return { version: data.version, numbers: data.numbers.length, byCountry, rules: data.rules.length };
}

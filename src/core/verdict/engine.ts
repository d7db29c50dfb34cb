/**
 * verdictFor: what one number is, with every reason spelled out. The rules, in order:
 *  1. The user's own lists win: blocked → danger, trusted → unknown with only `user-trusted`
 *     (their judgement silences our warnings, but we never call their number "official").
 *  2. Registry: an entry from an official source gives `registry-official`; a secondary source
 *     gives `registry-secondary`, which never makes a number official.
 *  3. Patterns from data/patterns: premium ranges, one-ring countries and Caribbean +1 area
 *     codes, international numbers on pages in the listed languages, reported numbers,
 *     caller-pays and IP-phone caveats; unassigned calling codes and malformed numbers.
 *  4. Impersonation: the text near the number or the page title presents a registry company
 *     (card company, bank, telecom, often-impersonated company) as the one behind the number
 *     (presented-as.ts; in a lookup's context, naming it is enough), the number is not in the
 *     registry at all, and the page is not on that company's own site: danger, naming its real
 *     numbers.
 *  5. Scam phrases near the number add `scam-context`; together with any other caution they make
 *     the number dangerous (a +44 number on a Japanese page is caution; with 未納 it is danger).
 *     On their own they are a caution when of two kinds or in a lookup, else only noted (info).
 * Level: any danger reason → danger; else any caution → caution; else official when the
 * registry (official source) lists it; else unknown. Unknown never means safe.
 * A number printed to deceive (lookalike.ts: other scripts' digits, hidden characters, bidi
 * controls; letters.ts: letters for digits) is never official nor the user's trusted number: a
 * listed one gets `lookalike-characters` (caution) instead of its registry reasons, and one
 * written with letters for digits gets `letters-for-digits` (caution) whether listed or not.
 */
import type { CompiledNumber, CompiledOrg } from '../registry/compiled';
import { normalizeName } from '../registry/org-names';
import type { PatternRuleSource, PhraseCategory, Severity } from '../registry/source-types';
import { callingCodeOf } from './calling-codes';
import { digitsOf, type Knowledge } from './knowledge';
import { printedToDeceive } from './lookalike';
import { presentation, reportsClaimed, titleNames } from './presented-as';
import { describesScams, saysPhrase } from './quoted';
import type { Level, ListedNumbers, OrgRef, Reason, Verdict } from './types';

/** The parts of a parsed number a verdict needs (PhoneMatch satisfies it). */
export interface NumberFacts {
  raw: string;
  e164: string | null;
  region: string | null;
  valid: boolean;
  /** International digits as written (with '+'), when the number was written internationally. */
  digits?: string;
  /** Read from letters that pass for digits (letters.ts): printed to deceive, whatever it is. */
  lettersForDigits?: boolean;
}

export interface UserLists {
  trusted: ReadonlyMap<string, string>;
  blocked: ReadonlyMap<string, string>;
}

export interface VerdictContext {
  /** Language of the page or message (BCP 47), e.g. "ja". */
  pageLang?: string;
  /** Text around the number: the page's words within a short distance. */
  nearbyText?: string;
  /**
   * The nearby text is someone's account of a call or message (a lookup's context), not a
   * page: what it quotes is what the scammer said, so quoted scam wording counts.
   */
  nearbyIsReport?: boolean;
  pageTitle?: string;
  /** Hostname of the page, to tell an organisation's own site from an impersonator's. */
  hostname?: string;
  userLists?: UserLists;
}

const orgRef = (org: CompiledOrg): OrgRef => ({ id: org.id, name: org.name });

const ruleReason = <C extends 'premium-rate' | 'caller-pays' | 'ip-phone' | 'reported-scam'>(
  code: C,
  rule: PatternRuleSource,
) => ({
  code,
  severity: rule.severity,
  params: { ruleId: rule.id, description: rule.description },
  source: rule.source,
});

/**
 * Scam phrases in a text: the phrases found, their categories and rules. Pages that warn about
 * scams (police, city halls, banks) quote the scammers' words, 「還付金があります」 or "your
 * computer is locked", next to their own help numbers, or list them in a text that calls them a
 * scam; scam pages say them. So on a page, words in quotation marks, and any in a text that
 * speaks of scams (quoted.ts), do not count. In a report of what a caller or message said
 * (`quotesCount`: a lookup's context), they do.
 */
export function findScamPhrases(
  text: string,
  k: Knowledge,
  quotesCount = false,
): { phrases: string[]; categories: PhraseCategory[]; rules: PatternRuleSource[] } {
  const haystack = normalizeName(text);
  const phrases: string[] = [];
  const categories = new Set<PhraseCategory>();
  const rules: PatternRuleSource[] = [];
  if (!haystack || (!quotesCount && describesScams(haystack))) return { phrases, categories: [], rules };
  for (const pr of k.phraseRules) {
    let hit = false;
    for (const p of pr.phrases) {
      if (!p.normalized || !haystack.includes(p.normalized)) continue;
      if (quotesCount || saysPhrase(haystack, p.normalized)) {
        phrases.push(p.original);
        hit = true;
      }
    }
    if (hit) {
      categories.add(pr.category);
      rules.push(pr.rule);
    }
  }
  return { phrases, categories: [...categories], rules };
}

function registryReasons(records: CompiledNumber[], k: Knowledge): Reason[] {
  return records.map((r): Reason => {
    const params = {
      org: orgRef(k.org(r.org)),
      purpose: r.purpose,
      printed: r.printed,
      kind: r.kind,
      ...(r.hours ? { hours: r.hours } : {}),
    };
    return r.source.kind === 'official'
      ? { code: 'registry-official', severity: 'info', params, source: r.source }
      : { code: 'registry-secondary', severity: 'info', params, source: r.source };
  });
}

function patternReasons(n: NumberFacts, ctx: VerdictContext, k: Knowledge): Reason[] {
  const reasons: Reason[] = [];
  const reportedRule = (n.e164 && k.reportedE164.get(n.e164)) || k.reportedDigits.get(digitsOf(n.raw));
  if (reportedRule) reasons.push(ruleReason('reported-scam', reportedRule));

  if (!n.e164) {
    const international = n.digits?.startsWith('+')
      ? n.digits
      : /^\s*[+＋]/.test(n.raw)
        ? `+${digitsOf(n.raw)}`
        : null;
    if (international && callingCodeOf(international) === null) {
      const callingCode = international.slice(1, 3);
      reasons.push({
        code: 'unassigned-code',
        severity: k.unassignedRule?.severity ?? 'danger',
        params: { callingCode },
        ...(k.unassignedRule ? { source: k.unassignedRule.source } : {}),
      });
    } else {
      reasons.push({ code: 'malformed', severity: 'caution', params: { raw: n.raw } });
    }
    return reasons;
  }

  for (const { prefix, rule } of k.prefixRules) {
    if (!n.e164.startsWith(prefix)) continue;
    if (
      rule.reason === 'premium-rate' ||
      rule.reason === 'caller-pays' ||
      rule.reason === 'ip-phone' ||
      rule.reason === 'reported-scam'
    ) {
      reasons.push(ruleReason(rule.reason, rule));
    }
  }
  const cc = callingCodeOf(n.e164);
  if (cc) {
    const oneRing =
      k.callingCodeRules.get(cc) ?? (cc === '1' ? k.nanpRules.get(n.e164.slice(2, 5)) : undefined);
    if (oneRing) {
      reasons.push({
        code: 'one-ring-country',
        severity: oneRing.severity,
        params: { ruleId: oneRing.id, description: oneRing.description, callingCode: cc },
        source: oneRing.source,
      });
    }
    const lang = (ctx.pageLang ?? '').toLowerCase().split('-')[0] ?? '';
    for (const { langs, rule } of k.internationalRules) {
      // A number from another country on a page written for Japanese readers.
      if (langs.includes(lang) && cc !== callingCodeForLang(lang)) {
        reasons.push({
          code: 'international-unexpected',
          severity: rule.severity,
          params: { ruleId: rule.id, description: rule.description, callingCode: cc },
          source: rule.source,
        });
      }
    }
  }
  return reasons;
}

/** The home calling code of the page languages our "international on page" rules name. */
function callingCodeForLang(lang: string): string | undefined {
  return lang === 'ja' ? '81' : undefined;
}

/**
 * Companies people are tricked into calling. Help lines (police, consumer centres, regulators)
 * are named on many genuine pages next to other numbers, so naming them is no sign of a fake.
 */
const IMPERSONATED_CATEGORIES = new Set<CompiledOrg['category']>(['card', 'bank', 'telecom', 'company']);

/** Lines people can call before SMS senders and fax, official before secondary, then as listed. */
const KIND_ORDER: Record<CompiledNumber['kind'], number> = {
  voice: 0,
  'short-code': 0,
  'sms-sender': 1,
  fax: 2,
};

function groupListing(numbers: readonly CompiledNumber[]): ListedNumbers[] {
  const groups = new Map<string, ListedNumbers>();
  for (const n of numbers) {
    const official = n.source.kind === 'official';
    const key = JSON.stringify([official, n.kind, n.purpose.en]);
    const group = groups.get(key);
    if (!group) groups.set(key, { numbers: [n.printed], kind: n.kind, purpose: n.purpose, official });
    else if (!group.numbers.includes(n.printed)) group.numbers.push(n.printed);
  }
  const rank = (g: ListedNumbers) => KIND_ORDER[g.kind] * 2 + Number(!g.official);
  return [...groups.values()].sort((a, b) => rank(a) - rank(b));
}

/** Whether nothing ends a sentence between two spans of a text. */
function sameSentence(text: string, a: [number, number], b: [number, number]): boolean {
  const [first, second] = a[0] <= b[0] ? [a, b] : [b, a];
  return !/[。．!?！？]|\.\s/.test(text.slice(first[1], second[0]));
}

/** The language a registry country's customers read, for pages in another one (see below). */
const HOME_LANG: Readonly<Record<string, string>> = { JP: 'ja', US: 'en', GB: 'en' };

/**
 * A page names a company next to a number that is not one of the company's. We only know the
 * numbers of the company's branch in its registry country (Amazon Japan, not Amazon), so a number
 * from another country counts only on a page written for that company's customers (a +44 number
 * on a Japanese page naming Amazon). An American article about Amazon with a Seattle number
 * is not impersonating Amazon Japan. Unknown language or malformed number: judged as before.
 */
function impersonationReasons(raw: string, cc: string | null, ctx: VerdictContext, k: Knowledge): Reason[] {
  // On a page the company must be presented as the one behind the number, not merely named
  // (presented-as.ts: a desk the writer speaks of counts for the number in its own sentence
  // only); in someone's report of a call, naming it is what the caller did.
  const nearby = normalizeName(ctx.nearbyText ?? '');
  const title = normalizeName(ctx.pageTitle ?? '');
  // A page that presents the name only as one someone else uses ("…を名乗る電話", "posing as")
  // warns about the impersonation: the number is still not the company's, but the page is no
  // scam of its own (`reported`, see pageVerdictFor). Such a warning is about the number in its
  // own sentence: "Amazonを名乗る電話（03-…）が相次いでいます。ご相談は警察相談窓口 03-… へ"
  // says nothing against the police line.
  const at = nearby.indexOf(normalizeName(raw));
  const mentions = [
    ...k.names.findNormalized(nearby).flatMap((m) => {
      if (ctx.nearbyIsReport) return [{ ...m, reported: false }];
      const near = ([s, e]: [number, number]) =>
        at < 0 || sameSentence(nearby, [s, e], [at, at + raw.length]);
      const presenting = m.spans.filter((span) => {
        const how = presentation(nearby, span[0], span[1]);
        return how === 'sender' || (how === 'desk' && near(span));
      });
      if (presenting.some(([s, e]) => !reportsClaimed(nearby, s, e))) return [{ ...m, reported: false }];
      return presenting.some(near) ? [{ ...m, reported: true }] : [];
    }),
    ...k.names
      .findNormalized(title)
      .filter((m) => m.spans.some(([s, e]) => titleNames(title, s, e)))
      .map((m) => ({ ...m, reported: false })),
  ];
  const reasons: Reason[] = [];
  const seen = new Set<string>();
  const host = (ctx.hostname ?? '').toLowerCase().replace(/^www\./, '');
  const lang = ctx.pageLang?.toLowerCase().split('-')[0];
  for (const mention of mentions) {
    if (seen.has(mention.orgId)) continue;
    seen.add(mention.orgId);
    const org = k.orgByIdOrNull(mention.orgId);
    if (!org || !IMPERSONATED_CATEGORIES.has(org.category)) continue;
    if (host && org.domains.some((d) => host === d || host.endsWith(`.${d}`))) continue;
    const listed = k.numbersOf(org.id);
    if (listed.length === 0) continue;
    const home = HOME_LANG[org.country];
    const foreign = cc !== null && !listed.some((r) => r.e164 && callingCodeOf(r.e164) === cc);
    if (foreign && lang && home && lang !== home) continue;
    const firstOfficial = listed.find((r) => r.source.kind === 'official');
    reasons.push({
      code: 'impersonation',
      severity: 'danger',
      params: {
        org: orgRef(org),
        mentionedAs: mention.alias,
        listed: groupListing(listed),
        ...(mention.reported ? { reported: true as const } : {}),
      },
      ...(firstOfficial ? { source: firstOfficial.source } : {}),
    });
  }
  return reasons;
}

function lookalikeReason(org: CompiledOrg): Reason {
  return { code: 'lookalike-characters', severity: 'caution', params: { org: orgRef(org) } };
}

const RANK: Record<Severity, number> = { info: 0, caution: 1, danger: 2 };

export function levelOf(reasons: readonly Reason[]): Level {
  let worst = 0;
  let otherCautions = 0;
  let hasContext = false;
  for (const r of reasons) {
    worst = Math.max(worst, RANK[r.severity]);
    if (r.code === 'scam-context') hasContext = true;
    else if (r.severity === 'caution') otherCautions++;
  }
  if (worst === 2 || (hasContext && otherCautions >= 1)) return 'danger';
  if (worst === 1) return 'caution';
  return reasons.some((r) => r.code === 'registry-official') ? 'official' : 'unknown';
}

export function verdictFor(n: NumberFacts, ctx: VerdictContext, k: Knowledge): Verdict {
  const e164 = n.valid ? n.e164 : null;
  const key = e164 ?? n.raw;
  const blockedNote = ctx.userLists?.blocked.get(key);
  if (blockedNote !== undefined) {
    return {
      level: 'danger',
      e164,
      reasons: [{ code: 'user-blocked', severity: 'danger', params: { note: blockedNote } }],
    };
  }
  const deceptive = n.lettersForDigits === true || printedToDeceive(n.raw, ctx.nearbyText);
  const trustedNote = deceptive ? undefined : ctx.userLists?.trusted.get(key);
  if (trustedNote !== undefined) {
    return {
      level: 'unknown',
      e164,
      reasons: [{ code: 'user-trusted', severity: 'info', params: { note: trustedNote } }],
    };
  }

  const records = e164 ? k.recordsForE164(e164) : [];
  const listedOrg = deceptive ? records.find((r) => r.source.kind === 'official')?.org : undefined;
  const reasons: Reason[] = [
    ...(listedOrg ? [lookalikeReason(k.org(listedOrg))] : registryReasons(deceptive ? [] : records, k)),
    ...patternReasons({ ...n, e164 }, ctx, k),
  ];
  if (n.lettersForDigits)
    reasons.push({ code: 'letters-for-digits', severity: 'caution', params: { printed: n.raw } });
  if (records.length === 0)
    reasons.push(...impersonationReasons(n.raw, e164 ? callingCodeOf(e164) : null, ctx, k));
  if (ctx.nearbyText) {
    const found = findScamPhrases(ctx.nearbyText, k, ctx.nearbyIsReport);
    if (found.phrases.length > 0) {
      // On a page, wording of one kind is common on honest pages too (a tax office's
      // 還付金の受け取り手続き, a police warning): on its own it is only noted. Two kinds, or any
      // kind in someone's report of a call, is a caution; with another caution, danger (levelOf).
      const severity = ctx.nearbyIsReport || found.categories.length >= 2 ? 'caution' : 'info';
      reasons.push({
        code: 'scam-context',
        severity,
        params: { phrases: found.phrases, categories: found.categories },
      });
    }
  }
  const official = deceptive ? undefined : records.find((r) => r.source.kind === 'official');
  return {
    level: levelOf(reasons),
    e164,
    ...(official ? { org: orgRef(k.org(official.org)) } : {}),
    reasons,
  };
}

/** A registry short code (188, #9110) typed on its own, for lookups. */
export function shortCodeVerdict(code: string, region: string, k: Knowledge): Verdict | null {
  const records = k.recordsForShortCode(region, code);
  if (records.length === 0) return null;
  const reasons = registryReasons(records, k);
  const official = records.find((r) => r.source.kind === 'official');
  return {
    level: levelOf(reasons),
    e164: null,
    ...(official ? { org: orgRef(k.org(official.org)) } : {}),
    reasons,
  };
}

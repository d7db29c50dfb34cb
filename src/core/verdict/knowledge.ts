/**
 * Everything the verdict engine consults, built once from compiled data: registry index by
 * E.164, short codes by country, organisation names, and the pattern rules sorted by kind.
 */
import type { CompiledData, CompiledNumber, CompiledOrg } from '../registry/compiled';
import { normalizeName, OrgNameIndex } from '../registry/org-names';
import { RegistryIndex } from '../registry/registry-index';
import type { PatternRuleSource, PhraseCategory } from '../registry/source-types';

export interface PhraseRule {
  rule: PatternRuleSource;
  category: PhraseCategory;
  /** Phrases normalised like page text (NFKC, lower case). */
  phrases: Array<{ normalized: string; original: string }>;
}

/** Digits of a printed number, for matching malformed numbers reported as printed. */
export const digitsOf = (raw: string): string => raw.normalize('NFKC').replace(/\D/g, '');

export class Knowledge {
  readonly version: string;
  readonly orgs: readonly CompiledOrg[];
  readonly numbers: readonly CompiledNumber[];
  readonly names: OrgNameIndex;
  private readonly index: RegistryIndex;
  private readonly shortCodes = new Map<string, number[]>();
  private readonly numbersByOrg = new Map<number, number[]>();
  private readonly orgById = new Map<string, number>();

  readonly prefixRules: Array<{ prefix: string; rule: PatternRuleSource }> = [];
  readonly callingCodeRules = new Map<string, PatternRuleSource>();
  readonly nanpRules = new Map<string, PatternRuleSource>();
  readonly unassignedRule: PatternRuleSource | undefined;
  readonly internationalRules: Array<{ langs: string[]; rule: PatternRuleSource }> = [];
  readonly reportedE164 = new Map<string, PatternRuleSource>();
  readonly reportedDigits = new Map<string, PatternRuleSource>();
  readonly phraseRules: PhraseRule[] = [];

  constructor(data: CompiledData) {
    this.version = data.version;
    this.orgs = data.orgs;
    this.numbers = data.numbers;
    this.names = new OrgNameIndex(
      data.orgs.map((o) => ({ id: o.id, names: [o.name.ja, o.name.en, ...o.aliases] })),
    );
    data.orgs.forEach((o, i) => {
      this.orgById.set(o.id, i);
    });
    const indexed: Array<[string, number]> = [];
    data.numbers.forEach((n, i) => {
      if (n.e164) indexed.push([n.e164, i]);
      if (n.shortCode) push(this.shortCodes, `${n.country}:${n.shortCode}`, i);
      push(this.numbersByOrg, n.org, i);
    });
    this.index = new RegistryIndex(indexed);

    let unassigned: PatternRuleSource | undefined;
    for (const rule of data.rules) {
      const m = rule.match;
      if ('e164Prefix' in m) for (const prefix of m.e164Prefix) this.prefixRules.push({ prefix, rule });
      else if ('callingCode' in m) for (const cc of m.callingCode) this.callingCodeRules.set(cc, rule);
      else if ('nanpAreaCode' in m) for (const area of m.nanpAreaCode) this.nanpRules.set(area, rule);
      else if ('unassignedCallingCode' in m) unassigned = rule;
      else if ('internationalOnPage' in m)
        this.internationalRules.push({ langs: m.internationalOnPage, rule });
      else if ('phrases' in m) {
        const phrases = Object.values(m.phrases)
          .flat()
          .map((original) => ({
            original,
            normalized: normalizeName(original),
          }));
        this.phraseRules.push({ rule, category: m.category, phrases });
      } else {
        for (const e164 of m.e164 ?? []) this.reportedE164.set(e164, rule);
        for (const raw of m.raw ?? []) this.reportedDigits.set(digitsOf(raw), rule);
      }
    }
    this.unassignedRule = unassigned;
    // Longest prefix first: +8199 rules must win over +81 ones.
    this.prefixRules.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  recordsForE164(e164: string): CompiledNumber[] {
    return this.index.lookup(e164).map((i) => this.numbers[i] as CompiledNumber);
  }

  recordsForShortCode(country: string, code: string): CompiledNumber[] {
    return (this.shortCodes.get(`${country}:${code}`) ?? []).map((i) => this.numbers[i] as CompiledNumber);
  }

  numbersOf(orgId: string): CompiledNumber[] {
    const org = this.orgById.get(orgId);
    if (org === undefined) return [];
    return (this.numbersByOrg.get(org) ?? []).map((i) => this.numbers[i] as CompiledNumber);
  }

  org(index: number): CompiledOrg {
    return this.orgs[index] as CompiledOrg;
  }

  orgByIdOrNull(id: string): CompiledOrg | null {
    const i = this.orgById.get(id);
    return i === undefined ? null : (this.orgs[i] as CompiledOrg);
  }
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

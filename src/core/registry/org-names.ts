/**
 * Finding organisation names in text the way people write them: full-width or half-width
 * letters (ＳＭＢＣ / SMBC), half-width katakana, any case, with or without 株式会社.
 * Both the aliases and the text go through the same normalisation, then a plain search.
 */

const CORPORATE_FORMS =
  /株式会社|合同会社|有限会社|\(株\)|（株）|㈱|\b(?:co\.?,? ?ltd\.?|inc\.?|corp(?:oration)?\.?|plc|llc)\b/g;

/** NFKC folds full-width Latin/digits and half-width katakana; then case and spacing. */
export function normalizeName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(CORPORATE_FORMS, ' ')
    .replace(/[\s\u3000・･]+/g, ' ')
    .trim();
}

const ASCII_WORD = /^[a-z0-9 .&'-]+$/;
const isWordChar = (ch: string | undefined) => ch !== undefined && /[a-z0-9]/.test(ch);

export interface OrgMention {
  orgId: string;
  /** The alias as the registry spells it (the longest one found). */
  alias: string;
  /** Where each mention is, as [start, end) in `normalizeName(text)`. */
  spans: Array<[number, number]>;
}

interface Alias {
  normalized: string;
  alias: string;
  orgIds: string[];
  /** Latin aliases must stand as words ("au" must not match "because"). */
  wholeWord: boolean;
}

export class OrgNameIndex {
  private readonly aliases: Alias[];

  constructor(orgs: ReadonlyArray<{ id: string; names: readonly string[] }>) {
    const byNormalized = new Map<string, Alias>();
    for (const org of orgs) {
      for (const name of org.names) {
        const normalized = normalizeName(name);
        if (normalized.length < 2) continue;
        const existing = byNormalized.get(normalized);
        if (existing) {
          if (!existing.orgIds.includes(org.id)) existing.orgIds.push(org.id);
        } else {
          byNormalized.set(normalized, {
            normalized,
            alias: name,
            orgIds: [org.id],
            wholeWord: ASCII_WORD.test(normalized),
          });
        }
      }
    }
    // Longest first, so 三井住友カード wins over 三井住友 when both are aliases.
    this.aliases = [...byNormalized.values()].sort((a, b) => b.normalized.length - a.normalized.length);
  }

  /** Organisations named in `text`, each once with every place it is named, longest alias first. */
  find(text: string): OrgMention[] {
    return this.findNormalized(normalizeName(text));
  }

  /** The same, for text already through normalizeName (spans are positions in it). */
  findNormalized(haystack: string): OrgMention[] {
    if (!haystack) return [];
    const found = new Map<string, OrgMention>();
    const taken: Array<[number, number]> = [];
    for (const a of this.aliases) {
      for (let at = haystack.indexOf(a.normalized); at >= 0; at = haystack.indexOf(a.normalized, at + 1)) {
        const end = at + a.normalized.length;
        if (a.wholeWord && (isWordChar(haystack[at - 1]) || isWordChar(haystack[end]))) continue;
        // A shorter alias inside a longer one already matched is the same mention.
        if (taken.some(([s, e]) => at >= s && end <= e)) continue;
        taken.push([at, end]);
        for (const orgId of a.orgIds) {
          const mention = found.get(orgId);
          if (mention) mention.spans.push([at, end]);
          else found.set(orgId, { orgId, alias: a.alias, spans: [[at, end]] });
        }
      }
    }
    return [...found.values()];
  }
}

/**
 * The compiled form of data/ that the background, the CLI and the library load: one JSON
 * object, produced at build time by `checkAndCompile` (and, later, by feed publishers).
 * Everything a verdict needs is here; the registry index and name matcher are built from it.
 */
import type {
  Confidence,
  LocalText,
  NumberKind,
  OrgCategory,
  PatternRuleSource,
  SourceRef,
} from './source-types';

export const COMPILED_FORMAT = 1;

export interface CompiledOrg {
  id: string;
  country: string;
  name: LocalText;
  aliases: string[];
  category: OrgCategory;
  /** Hostnames of the organisation's own official sources: its own site is not impersonating it. */
  domains: string[];
}

export interface CompiledNumber {
  /** Index into `orgs`. */
  org: number;
  country: string;
  /** E.164 for dialable numbers; null for short codes such as 188 or #9110. */
  e164: string | null;
  shortCode: string | null;
  printed: string;
  purpose: LocalText;
  hours?: LocalText;
  kind: NumberKind;
  source: SourceRef;
  confidence: Confidence;
}

export interface CompiledData {
  format: typeof COMPILED_FORMAT;
  /** `<newest checked date>.<content hash>`: shown in options, compared by feeds. */
  version: string;
  orgs: CompiledOrg[];
  numbers: CompiledNumber[];
  rules: PatternRuleSource[];
}

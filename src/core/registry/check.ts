/**
 * `callback-guard registry check` and the build: validate every data file and compile them.
 * Errors read `path:line: message` and are all reported, not just the first.
 * Pure: the caller reads the files (CLI, Vite plugin) and passes their text in.
 */
import Ajv2020 from 'ajv/dist/2020';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { fingerprint } from '../fingerprint';
import { COMPILED_FORMAT, type CompiledData, type CompiledNumber, type CompiledOrg } from './compiled';
import { jsonPointerLines, lineOf, parseErrorLine } from './json-lines';
import type { PatternFileSource, PatternRuleSource, RegistryFileSource } from './source-types';

export interface DataFile {
  path: string;
  text: string;
}

export interface CheckInput {
  registry: DataFile[];
  patterns: DataFile[];
  registrySchema: object;
  patternsSchema: object;
}

export type CheckResult =
  | { ok: true; data: CompiledData; warnings: string[] }
  | { ok: false; errors: string[] };

const SHORT_CODE = /^#?\d{3,4}$/;

interface Parsed<T> {
  file: DataFile;
  json: T;
  lines: Map<string, number>;
}

function parseFiles<T>(files: DataFile[], schema: object, ajv: Ajv2020, errors: string[]): Parsed<T>[] {
  const validate = ajv.compile(schema);
  const out: Parsed<T>[] = [];
  for (const file of files) {
    let json: unknown;
    try {
      json = JSON.parse(file.text);
    } catch (e) {
      errors.push(
        `${file.path}:${parseErrorLine(file.text, e)}: not valid JSON (${(e as Error).message.split('\n')[0]})`,
      );
      continue;
    }
    const lines = jsonPointerLines(file.text);
    if (!validate(json)) {
      for (const err of validate.errors ?? []) {
        const where = err.instancePath || '/';
        const extra =
          err.keyword === 'additionalProperties' ? ` "${String(err.params.additionalProperty)}"` : '';
        errors.push(`${file.path}:${lineOf(lines, err.instancePath)}: ${where} ${err.message}${extra}`);
      }
      continue;
    }
    out.push({ file, json: json as T, lines });
  }
  return out;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

export function checkAndCompile(input: CheckInput): CheckResult {
  const errors: string[] = [];
  const warnings: string[] = [];
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const registry = parseFiles<RegistryFileSource>(input.registry, input.registrySchema, ajv, errors);
  const patterns = parseFiles<PatternFileSource>(input.patterns, input.patternsSchema, ajv, errors);

  const orgs: CompiledOrg[] = [];
  const numbers: CompiledNumber[] = [];
  const ids = new Map<string, string>();
  const owners = new Map<string, { org: string; where: string }>();
  let newest = '';

  for (const { file, json, lines } of registry) {
    json.entries.forEach((entry, e) => {
      const where = `${file.path}:${lineOf(lines, `/entries/${e}/id`)}`;
      const seen = ids.get(entry.id);
      if (seen) errors.push(`${where}: id "${entry.id}" is already used at ${seen}`);
      ids.set(entry.id, where);
      const domains = new Set<string>();
      const orgIndex = orgs.length;
      entry.numbers.forEach((n, k) => {
        const at = `${file.path}:${lineOf(lines, `/entries/${e}/numbers/${k}/number`)}`;
        if (n.source.checked > newest) newest = n.source.checked;
        if (n.source.kind === 'official') {
          const host = hostOf(n.source.url);
          if (host) domains.add(host);
        }
        let e164: string | null = null;
        let shortCode: string | null = null;
        if (n.kind === 'short-code') {
          if (!SHORT_CODE.test(n.number))
            errors.push(`${at}: short code "${n.number}" must be 3-4 digits, optionally after #`);
          shortCode = n.number;
        } else {
          const parsed = parsePhoneNumberFromString(n.number, json.country as never);
          if (!parsed?.isValid()) {
            errors.push(`${at}: "${n.number}" is not a valid ${json.country} phone number`);
            return;
          }
          if (
            parsed.country !== json.country &&
            !(json.country === 'US' && parsed.countryCallingCode === '1')
          ) {
            errors.push(`${at}: "${n.number}" is a ${parsed.country ?? '?'} number, not ${json.country}`);
          }
          e164 = parsed.number;
        }
        const key = e164 ?? `${json.country}:${shortCode}`;
        const owner = owners.get(key);
        if (owner && owner.org !== entry.id) {
          errors.push(`${at}: ${key} is claimed by "${entry.id}" and by "${owner.org}" (${owner.where})`);
        }
        owners.set(key, { org: entry.id, where: at });
        numbers.push({
          org: orgIndex,
          country: json.country,
          e164,
          shortCode,
          printed: n.number,
          purpose: n.purpose,
          ...(n.hours ? { hours: n.hours } : {}),
          kind: n.kind,
          source: n.source,
          confidence: n.confidence,
        });
      });
      orgs.push({
        id: entry.id,
        country: json.country,
        name: entry.org.name,
        aliases: entry.org.aliases,
        category: entry.org.category,
        domains: [...domains].sort(),
      });
    });
  }

  const rules: PatternRuleSource[] = [];
  const ruleIds = new Map<string, string>();
  for (const { file, json, lines } of patterns) {
    json.rules.forEach((rule, r) => {
      const where = `${file.path}:${lineOf(lines, `/rules/${r}/id`)}`;
      const seen = ruleIds.get(rule.id);
      if (seen) errors.push(`${where}: rule id "${rule.id}" is already used at ${seen}`);
      ruleIds.set(rule.id, where);
      if (rule.source.checked > newest) newest = rule.source.checked;
      const m = rule.match;
      if ('e164Prefix' in m) {
        for (const p of m.e164Prefix)
          if (!/^\+\d{1,14}$/.test(p)) errors.push(`${where}: e164Prefix "${p}" must be + and digits`);
      }
      if ('e164' in m && m.e164) {
        for (const n of m.e164) {
          if (!/^\+\d{4,15}$/.test(n))
            errors.push(`${where}: reported number "${n}" must be E.164 (+ and 4-15 digits)`);
        }
      }
      rules.push(rule);
    });
  }

  if (errors.length > 0) return { ok: false, errors };
  if (numbers.length === 0) warnings.push('the registry has no numbers');
  const body = JSON.stringify({ orgs, numbers, rules });
  return {
    ok: true,
    warnings,
    data: {
      format: COMPILED_FORMAT,
      version: `${newest || 'undated'}.${fingerprint(body)}`,
      orgs,
      numbers,
      rules,
    },
  };
}

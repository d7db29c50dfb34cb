/**
 * The library (`dist/lib/index.js`, package export "."): the same code the extension and the
 * CLI run. `checkNumber` and `scanText` use the bundled registry and patterns unless a
 * `knowledge` built from other compiled data is passed.
 */
import bundledData from 'virtual:cbg-data';
import type { CompiledData } from './registry/compiled';
import { Knowledge } from './verdict/knowledge';
import {
  type CheckOptions,
  checkNumber as checkWith,
  type NumberReport,
  type ScanOptions,
  type ScanReport,
  scanText as scanWith,
} from './verdict/scan';

export type { Leniency, PhoneMatch } from './phone';
export { findPhoneNumbers, parsePhone } from './phone';
export type { CompiledData } from './registry/compiled';
export type { Candidate } from './scanner';
export { findCandidates } from './scanner';
export type { UserLists } from './verdict/engine';
export type {
  Level,
  ListedNumbers,
  NumberKind,
  PageVerdict,
  Reason,
  ReasonCode,
  Verdict,
} from './verdict/types';
export type { CheckOptions, NumberReport, ScanOptions, ScanReport };
export { Knowledge };

let bundled: Knowledge | null = null;
/** The registry and patterns shipped with this version, built on first use. */
export function bundledKnowledge(): Knowledge {
  bundled ??= new Knowledge(bundledData as CompiledData);
  return bundled;
}

export function checkNumber(
  number: string,
  options: CheckOptions & { knowledge?: Knowledge } = {},
): NumberReport | null {
  return checkWith(number, { ...options, knowledge: options.knowledge ?? bundledKnowledge() });
}

export function scanText(text: string, options: ScanOptions & { knowledge?: Knowledge } = {}): ScanReport {
  return scanWith(text, { ...options, knowledge: options.knowledge ?? bundledKnowledge() });
}

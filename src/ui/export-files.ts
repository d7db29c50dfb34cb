/**
 * The JSON files the pages let people save. Same shapes as `exportLists` / `exportMissedCalls`
 * in src/core/user-data.ts (a unit test compares them), written here so the popup bundle does
 * not pull in the phone parser that module imports.
 */
import type { UserData } from '../core/user-data-types';

export function listsFile(user: Pick<UserData, 'trusted' | 'blocked'>, now = new Date().toISOString()) {
  return {
    format: 'callback-guard-lists',
    version: 1,
    exported: now,
    trusted: user.trusted.map((e) => ({ ...e })),
    blocked: user.blocked.map((e) => ({ ...e })),
  };
}

export function missedCallsFile(user: Pick<UserData, 'missedCalls'>, now = new Date().toISOString()) {
  const notes = [...user.missedCalls].sort((a, b) => (a.when < b.when ? 1 : a.when > b.when ? -1 : 0));
  return { format: 'callback-guard-missed-calls', version: 1, exported: now, notes };
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkNumber } from '../core/index';
import { exportLists, exportMissedCalls } from '../core/user-data';
import { emptyUserData } from '../core/user-data-types';
import { listsFile, missedCallsFile } from './export-files';
import { entryMatches, feedOrigin, hostFromInput } from './input-helpers';
import { helpKeys, helpLines, protocolSteps, readToCaller, stepKeys } from './protocol';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('safe callback protocol', () => {
  // The protocol's words live in _locales (one source for the popup and the in-page card).
  const messages = (lang: 'en' | 'ja'): Record<string, { message: string }> =>
    JSON.parse(readFileSync(new URL(`../../public/_locales/${lang}/messages.json`, import.meta.url), 'utf8'));
  const en = messages('en');
  const ja = messages('ja');
  const text = (table: typeof en, key: string) => {
    expect(table[key]?.message, key).toBeTruthy();
    return table[key]?.message ?? '';
  };

  it('has six steps, each titled and explained in Japanese and English', () => {
    expect(protocolSteps).toHaveLength(6);
    expect(new Set(protocolSteps).size).toBe(6);
    for (const step of protocolSteps) {
      for (const key of Object.values(stepKeys(step))) {
        expect(text(ja, key)).toMatch(JAPANESE);
        expect(text(en, key)).toMatch(/^[\x20-\x7e\u2018-\u201d]+$/);
      }
    }
  });

  it('covers what the steps must say', () => {
    const body = protocolSteps.map((s) => text(en, stepKeys(s).body)).join('\n');
    for (const word of [
      'voicemail',
      'card',
      'faked',
      'whom they called and when',
      'PIN',
      'safe account',
      'gift cards',
      'ATM',
      'remote-access',
    ]) {
      expect(body).toContain(word);
    }
  });

  it('has a card to read aloud in both languages', () => {
    expect(readToCaller.lines.length).toBeGreaterThanOrEqual(2);
    expect(text(ja, readToCaller.title)).toMatch(JAPANESE);
    for (const key of readToCaller.lines) {
      expect(text(ja, key)).toMatch(JAPANESE);
      expect(text(en, key)).not.toBe('');
    }
    expect(readToCaller.lines.map((k) => text(en, k)).join(' ')).toContain('whom you called and when');
  });

  it('names every help line in both languages', () => {
    for (const line of helpLines) {
      for (const key of Object.values(helpKeys(line))) {
        expect(text(ja, key)).not.toBe('');
        expect(text(en, key)).not.toBe('');
      }
    }
  });

  it('is what the in-page card shows: the titles of protocol steps, no copy of its own', () => {
    const card = readFileSync(new URL('../content/card.ts', import.meta.url), 'utf8');
    const used = [...card.matchAll(/'(protocol_\w+)'/g)].map((m) => m[1]);
    expect(used).toHaveLength(3);
    const titles = protocolSteps.map((s) => stepKeys(s).title);
    for (const key of used) expect(titles).toContain(key);
    expect(Object.keys(en).filter((k) => /^card_step_\d/.test(k))).toEqual([]);
  });

  it('takes every help number from the registry (checked like any other number)', () => {
    for (const line of helpLines) {
      if (!line.lookup) continue;
      const report = checkNumber(line.lookup, { region: line.country });
      const registry = report?.verdict.reasons.find(
        (r) => r.code === 'registry-official' || r.code === 'registry-secondary',
      );
      expect(registry, `${line.id} (${line.lookup}) is in the registry`).toBeDefined();
    }
    const jp = helpLines.filter((l) => l.country === 'JP').map((l) => l.lookup);
    expect(jp).toEqual(expect.arrayContaining(['#9110', '188', '110']));
  });
});

describe('exports', () => {
  it('writes the same files as src/core/user-data', () => {
    const data = emptyUserData();
    data.trusted.push({ e164: '+81312345678', number: '03-1234-5678', note: 'a', added: '2025-01-01' });
    data.blocked.push({ e164: '+81990123456', number: '0990-123-456', note: '', added: '2025-01-02' });
    data.missedCalls.push(
      { id: '1', number: '03', e164: null, when: '2025-01-01T10:00:00Z', said: 'x', recorded: 'r' },
      { id: '2', number: '04', e164: null, when: '2025-01-03T10:00:00Z', said: 'y', recorded: 'r' },
    );
    const now = '2025-02-02T00:00:00.000Z';
    expect(listsFile(data, now)).toEqual(JSON.parse(exportLists(data, now)));
    expect(missedCallsFile(data, now)).toEqual(JSON.parse(exportMissedCalls(data, now)));
  });
});

describe('input helpers', () => {
  it('reads host names from what people paste', () => {
    expect(hostFromInput(' Example.COM ')).toBe('example.com');
    expect(hostFromInput('https://www.example.com/path?q=1')).toBe('www.example.com');
    expect(hostFromInput('not a host!')).toBeNull();
    expect(hostFromInput('')).toBeNull();
  });

  it('accepts only https feed addresses', () => {
    expect(feedOrigin('https://feeds.example.org/list.json')).toBe('https://feeds.example.org');
    expect(feedOrigin('http://feeds.example.org/list.json')).toBeNull();
    expect(feedOrigin('javascript:alert(1)')).toBeNull();
  });

  it('finds entries by note, by number as typed, and by digits however written', () => {
    const e = { e164: '+81312345678', number: '03-1234-5678', note: 'Dentist', added: '' };
    expect(entryMatches(e, 'dent')).toBe(true);
    expect(entryMatches(e, '1234')).toBe(true);
    expect(entryMatches(e, '０３１２３４')).toBe(true);
    expect(entryMatches(e, '+81 3 1234')).toBe(true);
    expect(entryMatches(e, 'bank')).toBe(false);
    expect(entryMatches(e, '')).toBe(true);
  });
});

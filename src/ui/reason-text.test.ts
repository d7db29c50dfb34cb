import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { official, reasonSamples as samples } from '../../test/unit/reason-samples';
import type { Reason } from '../core/verdict/types';
import { type Lang, type LocaleTable, translator } from './format';
import { describeReason, nextStepKey, safeUrl, sortReasons } from './reason-text';

const load = (lang: string): LocaleTable =>
  JSON.parse(readFileSync(new URL(`../../public/_locales/${lang}/messages.json`, import.meta.url), 'utf8'));
const tables = { en: load('en'), ja: load('ja') };

describe('describeReason', () => {
  for (const lang of ['ja', 'en'] as const satisfies readonly Lang[]) {
    const tr = translator(tables[lang]);
    for (const [code, reason] of Object.entries(samples)) {
      it(`${code} in ${lang}: plain words, no key names, no unfilled placeholders`, () => {
        const view = describeReason(reason, lang, tr);
        const all = [view.text, ...view.details, view.source?.label ?? ''];
        expect(view.text.trim()).not.toBe('');
        for (const s of all) {
          expect(s).not.toMatch(/\$[A-Za-z0-9_@]*\$?|reason_|popup_/);
        }
        if (lang === 'ja') expect(view.text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
        else expect(view.text).toMatch(/[a-z]{3}/);
        expect(view.code).toBe(code);
      });
    }
  }

  it('names the organisation in the reader’s language, with purpose, hours and source', () => {
    const en = describeReason(samples['registry-official'], 'en', translator(tables.en));
    expect(en.text).toBe('Official number of Test Bank: Lost cards');
    expect(en.details).toEqual(['Hours: 24 hours']);
    expect(en.source).toEqual({
      url: official.url,
      label: 'Source (official): example.jp, checked 2025-01-31',
    });
    const ja = describeReason(samples['registry-official'], 'ja', translator(tables.ja));
    expect(ja.text).toBe('テスト銀行の公式番号：紛失・盗難');
  });

  it('lists the real numbers of an impersonated organisation with what each is for and how it is sourced', () => {
    expect(describeReason(samples.impersonation, 'en', translator(tables.en)).details).toEqual([
      'Its official numbers: 0120-111-111, 0120-111-112 (Lost or stolen cards)',
      'Also listed, not confirmed as official: 03-2222-2222 (Outgoing calls only)',
    ]);
    expect(describeReason(samples.impersonation, 'ja', translator(tables.ja)).details).toEqual([
      '同社の公式番号：0120-111-111、0120-111-112（紛失・盗難）',
      '同社の番号として掲載（公式かは未確認）：03-2222-2222（発信専用）',
    ]);
  });

  it('puts scam phrases and their kinds into words', () => {
    const view = describeReason(samples['scam-context'], 'ja', translator(tables.ja));
    expect(view.text).toContain('未納、至急');
    expect(view.details[0]).toContain('未納料金');
  });

  it('shows the calling code of international reasons', () => {
    expect(describeReason(samples['one-ring-country'], 'en', translator(tables.en)).text).toContain('+675');
    expect(describeReason(samples['unassigned-code'], 'ja', translator(tables.ja)).text).toContain('+99');
  });

  it('leaves an empty user note out', () => {
    expect(describeReason(samples['user-blocked'], 'en', translator(tables.en)).details).toEqual([]);
    expect(describeReason(samples['user-trusted'], 'en', translator(tables.en)).details).toEqual([
      'Your note: my bank',
    ]);
  });

  it('never makes a link of anything but http(s)', () => {
    const evil = {
      ...samples['premium-rate'],
      source: { ...official, url: 'javascript:alert(1)' },
    } as Reason;
    expect(describeReason(evil, 'en', translator(tables.en)).source).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl('https://example.com/a')).toBe('https://example.com/a');
  });
});

describe('advice', () => {
  it('has next-step advice for every level in both languages, and for trusted numbers', () => {
    for (const lang of ['ja', 'en'] as const) {
      const tr = translator(tables[lang]);
      for (const level of ['official', 'unknown', 'caution', 'danger'] as const) {
        expect(tr(nextStepKey({ level, e164: null, reasons: [] }, false))).not.toMatch(/^popup_/);
      }
      expect(tr(nextStepKey({ level: 'unknown', e164: null, reasons: [] }, true))).not.toMatch(/^popup_/);
    }
  });

  it('tells people not to call an official SMS sender, and that its texts can be faked', () => {
    const official = samples['registry-official'] as Extract<Reason, { code: 'registry-official' }>;
    const sender = { ...official, params: { ...official.params, kind: 'sms-sender' as const } };
    const verdict = { level: 'official' as const, e164: '+81120000000', reasons: [sender] };
    expect(nextStepKey(verdict, false)).toBe('advice_official_sms_sender');
    expect(translator(tables.ja)(nextStepKey(verdict, false))).toMatch(/電話の窓口ではありません.*偽装/);
    expect(translator(tables.en)(nextStepKey(verdict, false))).toMatch(/not a phone desk.*faked/);
    // A voice line of the same organisation keeps the call-back advice.
    expect(nextStepKey({ ...verdict, reasons: [official] }, false)).toBe('popup_next_official');
  });

  it('says unknown is not proof of safety, in both languages', () => {
    expect(translator(tables.en)('popup_unknown_not_proof')).toMatch(/not proof that it is safe/);
    expect(translator(tables.ja)('popup_unknown_not_proof')).toMatch(/安全だという証明ではありません/);
  });

  it('sorts dangers first', () => {
    const sorted = sortReasons([
      samples['caller-pays'],
      samples['international-unexpected'],
      samples['premium-rate'],
    ]);
    expect(sorted.map((r) => r.severity)).toEqual(['danger', 'caution', 'info']);
  });
});

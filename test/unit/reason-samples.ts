/** One sample reason of every code, for the tests that put reasons into words (popup, card, banner). */
import type { Reason, ReasonCode } from '../../src/core/verdict/types';

const org = { id: 'jp-test', name: { ja: 'テスト銀行', en: 'Test Bank' } };
export const official = {
  url: 'https://www.example.jp/contact',
  checked: '2025-01-31',
  kind: 'official' as const,
};
export const secondary = {
  url: 'https://list.example.com/x',
  checked: '2025-02-01',
  kind: 'secondary' as const,
};
const rule = { ruleId: 'r1', description: { ja: '規則の説明', en: 'Rule description' } };

/** One sample of every reason code; the Record type makes a new code a compile error here. */
export const reasonSamples: Record<ReasonCode, Reason> = {
  'registry-official': {
    code: 'registry-official',
    severity: 'info',
    params: {
      org,
      purpose: { ja: '紛失・盗難', en: 'Lost cards' },
      hours: { ja: '24時間', en: '24 hours' },
      printed: '0120-000-000',
      kind: 'voice',
    },
    source: official,
  },
  'registry-secondary': {
    code: 'registry-secondary',
    severity: 'info',
    params: { org, purpose: { ja: '問い合わせ', en: 'Enquiries' }, printed: '03-0000-0000', kind: 'voice' },
    source: secondary,
  },
  impersonation: {
    code: 'impersonation',
    severity: 'danger',
    params: {
      org,
      mentionedAs: 'テスト銀行',
      listed: [
        {
          numbers: ['0120-111-111', '0120-111-112'],
          kind: 'voice',
          purpose: { ja: '紛失・盗難', en: 'Lost or stolen cards' },
          official: true,
        },
        {
          numbers: ['03-2222-2222'],
          kind: 'voice',
          purpose: { ja: '発信専用', en: 'Outgoing calls only' },
          official: false,
        },
      ],
    },
    source: official,
  },
  'premium-rate': { code: 'premium-rate', severity: 'danger', params: rule, source: official },
  'one-ring-country': {
    code: 'one-ring-country',
    severity: 'danger',
    params: { ...rule, callingCode: '675' },
  },
  'international-unexpected': {
    code: 'international-unexpected',
    severity: 'caution',
    params: { ...rule, callingCode: '44' },
  },
  'unassigned-code': { code: 'unassigned-code', severity: 'danger', params: { callingCode: '99' } },
  malformed: { code: 'malformed', severity: 'caution', params: { raw: '0120-12-345678' } },
  'caller-pays': { code: 'caller-pays', severity: 'info', params: rule },
  'ip-phone': { code: 'ip-phone', severity: 'info', params: rule },
  'reported-scam': { code: 'reported-scam', severity: 'danger', params: rule, source: secondary },
  'scam-context': {
    code: 'scam-context',
    severity: 'caution',
    params: { phrases: ['未納', '至急'], categories: ['unpaid-fee', 'urgency'] },
  },
  'user-trusted': { code: 'user-trusted', severity: 'info', params: { note: 'my bank' } },
  'user-blocked': { code: 'user-blocked', severity: 'danger', params: { note: '' } },
  'lookalike-characters': { code: 'lookalike-characters', severity: 'caution', params: { org } },
  'letters-for-digits': {
    code: 'letters-for-digits',
    severity: 'caution',
    params: { printed: '1-8OO-555-O1OO' },
  },
};

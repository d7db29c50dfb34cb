import { describe, expect, it } from 'vitest';
import { normalizeName, OrgNameIndex } from './org-names';

const index = new OrgNameIndex([
  { id: 'jp-smbc-card', names: ['三井住友カード', '三井住友VISAカード', 'SMBC Card'] },
  { id: 'jp-kddi', names: ['KDDI', 'au'] },
  { id: 'jp-amazon', names: ['アマゾン', 'Amazon', 'Amazon.co.jp'] },
]);

describe('organisation names', () => {
  it('folds full-width letters, half-width katakana and corporate forms', () => {
    expect(normalizeName('ＳＭＢＣ　Ｃａｒｄ')).toBe('smbc card');
    expect(normalizeName('ｱﾏｿﾞﾝ')).toBe('アマゾン');
    expect(normalizeName('三井住友カード株式会社')).toBe('三井住友カード');
  });

  it('finds an organisation however the page writes its name', () => {
    expect(index.find('【三井住友ＶＩＳＡカード】ご利用確認').map((m) => m.orgId)).toEqual(['jp-smbc-card']);
    expect(index.find('Call SMBC card support').map((m) => m.orgId)).toEqual(['jp-smbc-card']);
    expect(index.find('ｱﾏｿﾞﾝプライムの未払い').map((m) => m.orgId)).toEqual(['jp-amazon']);
  });

  it('does not find a short Latin alias inside another word', () => {
    expect(index.find('because the audit was fine')).toEqual([]);
    expect(index.find('au お客様センター')).toEqual([{ orgId: 'jp-kddi', alias: 'au', spans: [[0, 2]] }]);
  });

  it('reports the alias it found', () => {
    expect(index.find('Amazon.co.jp カスタマーサービス')).toEqual([
      { orgId: 'jp-amazon', alias: 'Amazon.co.jp', spans: [[0, 12]] },
    ]);
  });

  it('gives every place an organisation is named, under whichever alias', () => {
    expect(index.find('アマゾンの注文はAmazon.co.jpで。Amazonです')).toEqual([
      {
        orgId: 'jp-amazon',
        alias: 'Amazon.co.jp',
        spans: [
          [8, 20],
          [22, 28],
          [0, 4],
        ],
      },
    ]);
  });
});

/**
 * The judgements users rely on, over the shipped data (data/ compiled as in the build).
 */
import bundledData from 'virtual:cbg-data';
import { describe, expect, it } from 'vitest';
import { checkNumber, scanText } from '../index';
import type { Reason, ReasonCode } from './types';

const codes = (reasons: readonly Reason[]) => reasons.map((r) => r.code);
const reason = <C extends ReasonCode>(reasons: readonly Reason[], code: C) =>
  reasons.find((r): r is Extract<Reason, { code: C }> => r.code === code);

describe('registry', () => {
  it('calls a card company number official on a page that names the card company', () => {
    const { numbers, page } = scanText('【三井住友カード】ご利用確認のSMSは 0120-936-795 から送信されます。');
    expect(numbers).toHaveLength(1);
    expect(numbers[0]?.verdict.level).toBe('official');
    expect(numbers[0]?.verdict.org?.id).toBe('jp-smbc-card');
    expect(codes(numbers[0]?.verdict.reasons ?? [])).toContain('registry-official');
    expect(page.level).toBe('official');
  });

  it('never calls a number official on the word of a secondary source', () => {
    const report = checkNumber('03-6631-1511');
    expect(report?.verdict.level).not.toBe('official');
    expect(codes(report?.verdict.reasons ?? [])).toContain('registry-secondary');
  });

  it('finds registry short codes typed on their own', () => {
    const report = checkNumber('188', { region: 'JP' });
    expect(report?.verdict.org?.id).toBe('jp-consumer-hotline');
  });

  it('gives a short code typed with spaces around it the offsets of the code (found by fuzzing)', () => {
    const input = ' #9110\n';
    const report = checkNumber(input, { region: 'JP' });
    expect(report).toMatchObject({ raw: '#9110', start: 1, end: 6, type: 'SHORT_CODE' });
    expect(input.slice(report?.start, report?.end)).toBe(report?.raw);
  });
});

describe('impersonation', () => {
  const page = '【三井住友カード】カードのご利用を一時停止しました。至急 03-1234-5678 までお電話ください。';

  it('flags another number next to the card company name as danger, naming its real numbers', () => {
    const { numbers, page: verdict } = scanText(page);
    const v = numbers[0]?.verdict;
    expect(v?.level).toBe('danger');
    const imp = reason(v?.reasons ?? [], 'impersonation');
    expect(imp?.params.org.id).toBe('jp-smbc-card');
    expect(imp?.params.listed.flatMap((g) => g.numbers)).toContain('0120-936-795');
    expect(verdict.level).toBe('danger');
  });

  it('says what each listed number is for: lines to call first, then SMS senders, each with its source kind', () => {
    const imp = reason(scanText(page).numbers[0]?.verdict.reasons ?? [], 'impersonation');
    // The registry's SMBC card numbers: outbound-only voice lines (secondary source) and the
    // official SMS sender numbers of its card-usage texts, neither a desk to call.
    expect(imp?.params.listed.map((g) => [g.kind, g.official, g.numbers.length])).toEqual([
      ['voice', false, 8],
      ['sms-sender', true, 4],
    ]);
    expect(imp?.params.listed[1]?.numbers[0]).toBe('0120-936-795');
    expect(imp?.params.listed[1]?.purpose.en).toMatch(/not a phone desk/);
  });

  it('recognises the name in full-width letters and short forms', () => {
    const { numbers } = scanText('ＳＭＢＣカード お客様窓口 03-1234-5678');
    expect(codes(numbers[0]?.verdict.reasons ?? [])).toContain('impersonation');
  });

  it("does not flag the company's own site", () => {
    const { numbers } = scanText(page, { pageUrl: 'https://www.smbc-card.com/mem/index.jsp' });
    expect(codes(numbers[0]?.verdict.reasons ?? [])).not.toContain('impersonation');
  });

  it('does not call an American article about Amazon with a Seattle number a fake of Amazon Japan', () => {
    const text = 'Amazon buys halibut from a Seattle boat. Call the dock at 206-555-0142 to order.';
    const { numbers, page } = scanText(text, { region: 'US', lang: 'en-US' });
    expect(codes(numbers[0]?.verdict.reasons ?? [])).not.toContain('impersonation');
    expect(page.level).not.toBe('danger');
  });

  it('still calls a foreign number on a Japanese page naming Amazon a fake', () => {
    const { numbers } = scanText('Amazonカスタマーサービスです。+44 20 7946 0000 までお電話ください。');
    expect(reason(numbers[0]?.verdict.reasons ?? [], 'impersonation')?.params.org.id).toBe('jp-amazon');
  });

  it("still calls a Japanese number that is not Amazon Japan's a fake on an English page", () => {
    const text = 'Amazon Japan support: call +81 3-1234-5678 now.';
    const { numbers } = scanText(text, { region: 'US', lang: 'en' });
    expect(numbers[0]?.e164).toBe('+81312345678');
    expect(reason(numbers[0]?.verdict.reasons ?? [], 'impersonation')?.params.org.id).toBe('jp-amazon');
  });

  // The company must be presented as the one behind the number (presented-as.ts).
  it.each([
    ['an SMS sender in brackets', '【三井住友カード】ご利用確認のため 03-1234-5678 までお電話ください。'],
    ['a desk', 'アマゾン カスタマーサービス 03-1234-5678'],
    [
      'a desk named by an alias of its own',
      '【重要】Apple IDがロックされました。Appleサポート 050-1234-5678 まで',
    ],
    [
      'a company speaking',
      'こちらは楽天カード株式会社です。お支払いが確認できません。03-1234-5678 までご連絡ください。',
    ],
    [
      'a company introducing itself',
      'こちらは 楽天カード。お支払いが確認できません。03-1234-5678 までご連絡ください。',
    ],
    ['a notice from a carrier', 'ヤマト運輸よりお届け物のお知らせ。再配達は 090-1234-5678 へ。'],
    [
      'a desk in brackets',
      '【Amazonカスタマーサービス】お支払い方法に問題があります。050-1234-5678 までご連絡ください。',
    ],
    [
      'a desk clerk speaking',
      'Amazon カスタマーサポート担当の山田です。050-1234-5678 まで折り返しください。',
    ],
    [
      'a desk sending the message',
      'Amazonカスタマーサービスから重要なお知らせ。050-1234-5678 までお電話ください。',
    ],
    [
      'a desk heading the message',
      'Amazonカスタマーサービス：お客様のアカウントを一時停止しました。03-1234-5678 までご連絡ください。',
    ],
    [
      'its customers addressed',
      '三菱UFJ銀行をご利用のお客様へ：口座確認のため 0120-123-456 へお電話ください。',
    ],
  ])('calls %s an impersonation, and the page a scam', (_what, text) => {
    const { numbers, page } = scanText(text);
    expect(reason(numbers[0]?.verdict.reasons ?? [], 'impersonation')?.params.reported).toBeUndefined();
    expect(page.level).toBe('danger');
  });

  it.each([
    ['a warning', 'Amazonカスタマーサービスを名乗る不審な電話（03-4520-9116）が相次いでいます。', {}],
    [
      'an automated call reported',
      'NTT東日本 お客様窓口を名乗る自動音声 03-1234-5678 にご注意ください。',
      {},
    ],
    ['a bank clerk impersonated', '三菱UFJ銀行の窓口になりすました電話 0120-123-456 に注意', {}],
    [
      'an English warning',
      'Scammers posing as Chase fraud department call from 1-800-555-0199. Hang up.',
      { region: 'US', lang: 'en' },
    ],
    [
      'a question about a call',
      'Amazonカスタマーサービスから 050-1234-5678 で電話がありました。本物ですか？',
      {},
    ],
    [
      'an English question about a call',
      'I got a call from Chase fraud department at 1-844-555-0177. Is it real?',
      { region: 'US', lang: 'en' },
    ],
  ])(
    "flags the impersonator's number in %s, but does not call the page that reports it a scam",
    (_what, text, options) => {
      const { numbers, page } = scanText(text, options);
      const impersonation = reason(numbers[0]?.verdict.reasons ?? [], 'impersonation');
      expect(numbers[0]?.verdict.level).toBe('danger');
      expect(impersonation?.params.reported).toBe(true);
      expect(page.level).toBe('caution');
    },
  );

  it('holds a warning against the number in its own sentence only, not the help line after it', () => {
    const { numbers } = scanText(
      'Amazonカスタマーサービスを名乗る電話（03-4520-9116）が相次いでいます。不安なときは警察相談窓口 03-1234-5678 へ。',
    );
    expect(numbers.map((n) => n.verdict.level)).toEqual(['danger', 'unknown']);
  });

  it('still calls a page a scam when it warns about fakes and then presents its own fake desk', () => {
    const { page } = scanText(
      'Amazonを装った詐欺にご注意ください。Amazonカスタマーサービス 03-1234-5678 までお電話ください。',
    );
    expect(page.level).toBe('danger');
  });

  it.each([
    ['a desk', 'Bank of America Fraud Department: call 1-888-555-0133 now.'],
    ['a sender', 'Chase: your debit card is locked. Call 1-844-555-0177 to unlock it.'],
    ['your account there', 'Your Chase account has been locked. Call 1-844-555-0177 to unlock it.'],
  ])('calls %s in English an impersonation', (_what, text) => {
    const { numbers } = scanText(text, { region: 'US', lang: 'en' });
    expect(codes(numbers[0]?.verdict.reasons ?? [])).toContain('impersonation');
  });

  it.each([
    [
      'cards a shop takes',
      'ご予約 03-1234-5678　クレジットカード（JCB・VISA・アメックス）ご利用いただけます。',
    ],
    [
      'several cards a shop takes',
      '楽天カード、イオンカード、エポスカードがご利用いただけます。お問合せ 06-1234-5678',
    ],
    ['a payment method', 'お支払いは現金、三井住友カードのタッチ決済に対応。TEL 045-123-4567'],
    [
      'a warning about a fake',
      '三井住友カードをかたる詐欺メールにご注意ください。ご相談は市消費生活センター 03-1234-5678 へ。',
    ],
    ['where something was bought', 'Amazonで購入した商品の返品はこちら。店舗電話 03-1234-5678'],
    ['a landmark', 'アクセス：三菱UFJ銀行の隣のビル2F。TEL 03-1234-5678'],
    ['the account to pay into', 'お振込先：三菱UFJ銀行 渋谷支店 普通口座 1234567。お問い合わせ 03-1234-5678'],
    ['a delivery service', 'ヤマト運輸の宅急便でお届けします。配送のお問い合わせ：03-1234-5678'],
    ['the end of Windows support', 'Microsoftのサポート終了に伴う買い替えのご相談は 03-1234-5678 へ'],
    [
      "a desk the writer called, and the writer's own number",
      'Amazonカスタマーサービスに問い合わせたところ、返金されました。私の店の電話は 03-1234-5678 です。',
    ],
    [
      "a desk's web page the writer read",
      'Appleサポートのページで手順を確認しました。当店の電話は 03-1234-5678 です。',
    ],
    [
      'a counter to pay at, and the organiser',
      '参加費はゆうちょ銀行の窓口でお支払いください。お問い合わせは事務局 03-1234-5678 まで',
    ],
    [
      'a counter to pay at in the same sentence',
      'ゆうちょ銀行の窓口でお振込みください（お問い合わせ：事務局 03-1234-5678）',
    ],
  ])('does not call %s an impersonation', (_what, text) => {
    const { numbers, page } = scanText(text);
    expect(codes(numbers[0]?.verdict.reasons ?? [])).not.toContain('impersonation');
    expect(page.level).not.toBe('danger');
  });

  it('reads the title: a page that calls itself the company, not one that mentions it', () => {
    const number = '03-1234-5678 までお電話ください';
    const judged = (pageTitle: string) =>
      codes(scanText(number, { pageTitle }).numbers[0]?.verdict.reasons ?? []);
    expect(judged('三井住友カード | 会員ログイン')).toContain('impersonation');
    expect(judged('ログイン - Amazon.co.jp')).toContain('impersonation');
    expect(judged('アマゾン、新しい物流拠点を開設')).not.toContain('impersonation');
  });

  it("does not read a search results page's title, which is the reader's query, as the page speaking", () => {
    const judged = (text: string, pageTitle: string) =>
      scanText(text, { pageTitle }).numbers.map((n) => codes(n.verdict.reasons).includes('impersonation'));
    const results = '佐川急便 お問い合わせ 0570-01-0500。Amazonカスタマーサービス 050-1234-5678';
    expect(judged(results, 'Amazon カスタマーサービス 電話番号 - Google 検索')).toEqual([false, true]);
    expect(judged(results, 'Amazon カスタマーサービス - 検索')).toEqual([false, true]);
    expect(judged('0570-01-0500', 'Amazon | 公式サイト')).toEqual([true]);
  });

  it('counts a name in a report of a call: the caller said it', () => {
    const report = checkNumber('03-1234-5678', { context: 'Amazonを名乗る人から電話があった' });
    expect(codes(report?.verdict.reasons ?? [])).toContain('impersonation');
  });

  it('judges text selected on a page ("Verify this number") as the page, not as a report', () => {
    const selected = 'ご予約 03-1234-5678 クレジットカード（JCB・VISA・アメックス）ご利用いただけます';
    expect(codes(checkNumber(selected, { fromPage: true })?.verdict.reasons ?? [])).toEqual([]);
    expect(codes(checkNumber(selected)?.verdict.reasons ?? [])).toContain('impersonation');
  });

  it('does not flag a help line named next to another number', () => {
    const { numbers } = scanText(
      '消費者ホットライン（188）のほか、市の相談窓口 03-1234-5678 もご利用ください。',
    );
    expect(codes(numbers[0]?.verdict.reasons ?? [])).not.toContain('impersonation');
  });
});

describe('scam patterns', () => {
  it('calls a +44 number with unpaid-fee wording on a Japanese page dangerous', () => {
    const { numbers, page } = scanText(
      '料金未納につき法的措置をとります。電話が利用停止になります。+44 20 7946 0000 までご連絡ください。',
    );
    const v = numbers[0]?.verdict;
    expect(codes(v?.reasons ?? [])).toEqual(
      expect.arrayContaining(['international-unexpected', 'scam-context']),
    );
    expect(v?.level).toBe('danger');
    expect(page.level).toBe('danger');
  });

  it('calls an English fake-support page dangerous: a virus claim and an offer to get into the computer', () => {
    const text =
      'Virus infection detected on this PC. Call 1-844-555-0199: a technician will access your computer and clean it.';
    const { numbers, page } = scanText(text, { region: 'US', lang: 'en' });
    expect(numbers[0]?.verdict.level).toBe('caution');
    expect(page.level).toBe('danger');
    expect(reason(page.reasons, 'scam-context')?.params.categories).toEqual([
      'tech-support',
      'remote-access',
    ]);
  });

  it('calls a French fake-support alert dangerous: a blocked computer and pressure to call at once', () => {
    const text = 'ALERTE : VOTRE ORDINATEUR A ÉTÉ BLOQUÉ. Appelez immédiatement le 09 70 00 00 00.';
    const { page } = scanText(text, { region: 'FR', lang: 'fr' });
    expect(page.level).toBe('danger');
    expect(reason(page.reasons, 'scam-context')?.params.phrases).toEqual([
      'ordinateur a été bloqué',
      'appelez immédiatement',
    ]);
  });

  it('calls a French alert dangerous when it claims a virus infection and says to call at once', () => {
    const text =
      'Appelez immédiatement au : 09 70 00 00 00 (Gratuit). Votre ordinateur a été infecté par un virus.';
    const { page } = scanText(text, { region: 'FR', lang: 'fr' });
    expect(page.level).toBe('danger');
    expect(reason(page.reasons, 'scam-context')?.params.categories).toEqual(['tech-support', 'urgency']);
  });

  it.each([
    [
      'a police warning that lists the numbers scammers used',
      '次の番号からの不審な電話が確認されています：0990-123-456、03-4339-2745。心当たりのない番号にはかけ直さず、警察相談専用電話 03-3501-0110 にご相談ください。',
    ],
    ['a fortune-telling line on a premium number', '電話占い 24時間受付 0990-123-456(通話料 1分 300円)'],
  ])('marks the dangerous numbers, but does not call the page of %s a scam', (_who, text) => {
    const { numbers, page } = scanText(text);
    expect(numbers[0]?.verdict.level).toBe('danger');
    expect(page.level).toBe('caution');
    expect(codes(page.reasons)).toContain('premium-rate');
  });

  it.each([
    ['a tax office', '所得税の還付金の受け取り手続きについて。ご不明な点は税務署 03-3581-4161 まで。'],
    ['a booking desk', '本日ご連絡なき場合は自動的にキャンセルとなります。予約センター 03-1234-5678'],
  ])('only notes one kind of scam wording next to the number of %s', (_who, text) => {
    const v = scanText(text).numbers[0]?.verdict;
    expect(v?.level).toBe('unknown');
    expect(reason(v?.reasons ?? [], 'scam-context')?.severity).toBe('info');
  });

  it.each([
    [
      'a police page listing the tactics',
      'ニセ警察詐欺の手口：警察官を名乗り、口座が犯罪に使われている、逮捕状が出ている、キャッシュカードが不正に利用されているなどと言ってきます。不審な電話は警察相談専用電話 03-3501-0110 へ。',
      {},
    ],
    [
      'a consumer page on fake virus alerts',
      'サポート詐欺の偽画面には、ウイルスに感染しています、今すぐ電話してくださいと表示されます。表示された番号には電話せず、相談窓口 03-1234-5678 へ。',
      {},
    ],
    [
      'an English warning',
      'Scam pop-ups say your computer is infected with a virus and ask to access your computer. Report scams: 1-844-555-0123.',
      { region: 'US', lang: 'en' },
    ],
  ])('does not count wording that %s calls a scam, next to its own help line', (_what, text, options) => {
    const { numbers, page } = scanText(text, options);
    expect(codes(numbers[0]?.verdict.reasons ?? [])).not.toContain('scam-context');
    expect(page.level).toBe('unknown');
  });

  it('still counts such wording in a report of a call that calls it a scam', () => {
    const report = checkNumber('03-1234-5678', {
      context: '詐欺だと思うが、口座が犯罪に使われている、逮捕状が出ていると言われた',
    });
    expect(codes(report?.verdict.reasons ?? [])).toContain('scam-context');
  });

  it('calls the same one kind of wording a caution in a report of a call', () => {
    const report = checkNumber('03-1234-5678', { context: '口座が犯罪に使われていると言われた' });
    expect(report?.verdict.level).toBe('caution');
  });

  it("does not call a city hall's warning page a scam for quoting the scammers' words", () => {
    const { numbers, page } = scanText(
      '市役所職員をかたる電話に注意。「還付金があります」「手続きは今日まで」「ATMに着いたらお電話ください」' +
        'と言われたら詐欺です。不審な電話は市民相談室 03-1234-5678 へご相談ください。',
    );
    expect(numbers[0]?.verdict.level).toBe('unknown');
    expect(page.level).toBe('unknown');
  });

  it('does not count quoted words on an English warning page either', () => {
    const text =
      'Scammers say "your computer is locked" or "virus infection detected". Our help desk: 1-844-555-0123.';
    const { numbers, page } = scanText(text, { region: 'US', lang: 'en' });
    expect(codes(numbers[0]?.verdict.reasons ?? [])).not.toContain('scam-context');
    expect(page.level).toBe('unknown');
  });

  it('still counts the same words said without quotes, and quoted ones in a report of a call', () => {
    const said = scanText(
      '還付金があります。手続きは今日まで。ATMに着いたら 03-1234-5678 までお電話ください。',
    );
    expect(said.page.level).toBe('danger');
    const report = checkNumber('03-1234-5678', {
      context: '「還付金があります、手続きは今日まで」と言われた',
    });
    expect(codes(report?.verdict.reasons ?? [])).toContain('scam-context');
  });

  it.each([
    ['Computer repair and upgrades. Call or text (478) 555-0123, Monday to Friday, 9:00-6:00.', 'US'],
    // A shop offering to remove viruses asks; a fake alert claims your computer has one.
    ['Slow PC or virus infection? Bring it to our shop or call (478) 555-0123.', 'US'],
    ['パソコンが遅い、ウイルスに感染したかも？という方はご相談ください。パソコン修理 03-1234-5678', 'JP'],
  ])("leaves a repair shop's contact page alone: %s", (text, region) => {
    const { numbers, page } = scanText(text, { region });
    expect(numbers[0]?.verdict.level).toBe('unknown');
    expect(page.level).toBe('unknown');
  });

  it('is only cautious about an international number on a Japanese page without scam wording', () => {
    const { numbers } = scanText('ロンドン支店の電話番号は +44 20 7946 0000 です。');
    expect(numbers[0]?.verdict.level).toBe('caution');
  });

  it('says premium-rate for 0990 numbers', () => {
    const report = checkNumber('0990-123-456', { region: 'JP' });
    expect(codes(report?.verdict.reasons ?? [])).toContain('premium-rate');
    expect(report?.verdict.level).toBe('danger');
  });

  it('says one-ring-country for a +675 missed call', () => {
    const report = checkNumber('+675 7089 1234');
    expect(codes(report?.verdict.reasons ?? [])).toContain('one-ring-country');
    expect(report?.verdict.level).toBe('danger');
  });

  it('says one-ring-country for a Caribbean +1 area code that looks domestic', () => {
    const report = checkNumber('+1 876 555 0123', { region: 'US' });
    expect(codes(report?.verdict.reasons ?? [])).toContain('one-ring-country');
  });

  it('flags malformed numbers scam pages print, and known reported ones', () => {
    const { numbers } = scanText('Microsoft サポート 0101-21729-33385 に今すぐお電話ください');
    const v = numbers[0]?.verdict;
    expect(numbers[0]?.raw).toBe('0101-21729-33385');
    expect(codes(v?.reasons ?? [])).toContain('reported-scam');
    expect(v?.level).toBe('danger');
  });

  it('flags unassigned country codes', () => {
    const report = checkNumber('+28 1234 5678');
    expect(codes(report?.verdict.reasons ?? [])).toContain('unassigned-code');
  });

  it('explains caller-pays and IP-phone numbers without raising alarm', () => {
    expect(codes(checkNumber('0570-000-111')?.verdict.reasons ?? [])).toContain('caller-pays');
    const ip = checkNumber('050-1234-5678')?.verdict;
    expect(codes(ip?.reasons ?? [])).toContain('ip-phone');
    expect(ip?.level).toBe('unknown');
  });

  it('keeps an ordinary unknown number unknown (not safe, not alarming)', () => {
    expect(checkNumber('03-1234-5678')?.verdict).toEqual({
      level: 'unknown',
      e164: '+81312345678',
      reasons: [],
    });
  });
});

describe('personal lists', () => {
  const userLists = {
    trusted: new Map([['+442079460000', 'my cousin in London']]),
    blocked: new Map([['+81312345678', 'pushy sales']]),
  };

  it('lets a number the user trusts win over our caution', () => {
    const v = scanText('ロンドンの +44 20 7946 0000', { userLists }).numbers[0]?.verdict;
    expect(v?.reasons).toEqual([
      { code: 'user-trusted', severity: 'info', params: { note: 'my cousin in London' } },
    ]);
    expect(v?.level).not.toBe('caution');
  });

  it('marks a number the user blocked as danger', () => {
    expect(checkNumber('03-1234-5678', { userLists })?.verdict.level).toBe('danger');
  });
});

describe('lookups from a browser in another language', () => {
  it('reads a Japanese national number as Japanese when it is not valid in the US', () => {
    const report = checkNumber('0990-123-456', { region: 'US' });
    expect(report?.e164).toBe('+81990123456');
    expect(report?.verdict.level).toBe('danger');
  });

  it('keeps a number valid in the user region as it is', () => {
    expect(checkNumber('(213) 205-4479', { region: 'US' })?.e164).toBe('+12132054479');
  });
});

describe('checking one number (popup lookup, "Verify this number")', () => {
  it('finds no number in a date, a time, a price or a postal code', () => {
    for (const text of ['2026年11月29日', '2026/11/29', '12:30', '¥12,800', '3,000円', '〒100-0001']) {
      expect(checkNumber(text, { region: 'JP' }), text).toBeNull();
    }
  });

  it('still judges short, odd and malformed input someone types', () => {
    expect(checkNumber('12345', { region: 'JP' })?.verdict.level).toBe('caution');
    expect(checkNumber('0120-12-345678', { region: 'JP' })?.valid).toBe(false);
    expect(checkNumber('１２３４５', { region: 'JP' })).not.toBeNull();
    expect(checkNumber('+28 123 4567', { region: 'JP' })?.verdict.level).toBe('danger');
  });

  it('checks every number of the registry as its source prints it', () => {
    for (const n of bundledData.numbers) {
      const report = checkNumber(n.printed, { region: n.country });
      expect(report, n.printed).not.toBeNull();
      if (n.e164) expect(report?.e164, n.printed).toBe(n.e164);
    }
  });
});

describe('registry numbers on a page', () => {
  it('finds every dialable registry number as its source prints it, in a sentence, and names its organisation', () => {
    for (const n of bundledData.numbers) {
      if (!n.e164) continue; // short codes (110, #9110) are not marked in running text
      const region = n.country;
      const { numbers } = scanText(`Tel: ${n.printed} (24h)`, { region });
      expect(
        numbers.map((m) => m.e164),
        n.printed,
      ).toEqual([n.e164]);
      const named = (numbers[0]?.verdict.reasons ?? []).flatMap((r) =>
        r.code === 'registry-official' || r.code === 'registry-secondary' ? [r.params.org.id] : [],
      );
      expect(named, n.printed).toContain(bundledData.orgs[n.org]?.id);
    }
  });
});

/**
 * The safe callback protocol, as data, in Japanese and English. The popup shows all of it; the
 * in-page card imports the first three steps (`protocolSteps.slice(0, 3)`). No Preact, no DOM,
 * no extension API here, so any context (and Node tests) can import it.
 */
import type { LocalText } from '../core/registry/source-types';

export interface ProtocolStep {
  id:
    | 'check-first'
    | 'dial-it-yourself'
    | 'caller-id-faked'
    | 'they-identify-first'
    | 'never-by-phone'
    | 'get-help';
  title: LocalText;
  body: LocalText;
}

export const protocolSteps: readonly ProtocolStep[] = [
  {
    id: 'check-first',
    title: {
      ja: '確かめる前にかけ直さない',
      en: "Don't call back before you check",
    },
    body: {
      ja: '不在着信や、SMS・メール・ポップアップ・検索広告に書かれた番号に、すぐかけ直す必要はありません。まず番号を確かめてください。本当に用件のある会社なら、たいてい留守番電話や書面で連絡してきます。伝言がなければ、かけ直さなくてよいことがほとんどです。',
      en: 'A missed call, or a number in a text, email, pop-up or search ad, is no reason to call straight back. Check the number first. A company that really needs you usually leaves a voicemail or writes to you: no message usually means there is no need to call back.',
    },
  },
  {
    id: 'dial-it-yourself',
    title: {
      ja: '銀行やカード会社には、自分で確かめた番号でかける',
      en: 'Reach your bank or card company on a number you found yourself',
    },
    body: {
      ja: 'カードの裏面、利用明細や通帳、自分で開いた公式サイト（メッセージ内のリンクからではなく）に載っている番号を使ってください。人から伝えられた番号は使いません。その公式番号に自分からかけるのは安全です。',
      en: 'Use the number printed on your card, on your statement or passbook, or on the official website you opened yourself (not through a link in a message). Never use a number someone gave you. Calling that official number yourself is safe.',
    },
  },
  {
    id: 'caller-id-faked',
    title: {
      ja: '表示された番号や名前だけで信じない',
      en: 'A familiar name or number on your screen proves nothing',
    },
    body: {
      ja: '発信者番号は偽装できます。実在の会社や警察署の番号が表示されていても、本物とは限りません。電話を切り、公式の番号に自分でかけ直してください。',
      en: 'Caller ID can be faked to show the number of a real company or police station. Hang up and call the official number yourself.',
    },
  },
  {
    id: 'they-identify-first',
    title: {
      ja: 'かけ直したら、先に相手に名乗ってもらう',
      en: 'When you call back, make them say who they are first',
    },
    body: {
      ja: '自分の名前や生年月日、口座の情報を先に言わないでください。「この番号から着信がありました。かけ直してください」と伝え、誰に、いつかけたのかを相手に言ってもらいます。着信メモと照らし合わせれば確かめられます。それに答えられない会社や、「疑うなら切ってください」と言う相手は信用しないでください。',
      en: 'Do not give your name, date of birth or account details first. Say you received a call from this number and ask them to call you back, then have them tell you whom they called and when; your missed-call note lets you check. A company that cannot do this, or tells you to hang up if you doubt it, should not be trusted.',
    },
  },
  {
    id: 'never-by-phone',
    title: {
      ja: '本物は電話でこんなことを求めない',
      en: 'What no genuine caller asks for',
    },
    body: {
      ja: '暗証番号、パスワード、ワンタイムパスワードや確認コードを聞く。「安全な口座」へお金を移すよう言う。ギフトカードや暗号資産で払わせる。還付金のためにATMへ行かせる。遠隔操作ソフトを入れさせる。どれか一つでも言われたら詐欺です。電話を切ってください。',
      en: 'Asking for your PIN, passwords or one-time codes; telling you to move money to a "safe account"; asking for payment in gift cards or crypto; sending you to an ATM to receive a refund; having you install remote-access software. Any one of these means a scam: hang up.',
    },
  },
  {
    id: 'get-help',
    title: {
      ja: '相談先',
      en: 'Where to get help',
    },
    body: {
      ja: '迷ったら、動く前に相談してください。下の番号はほかの番号と同じデータで照合し、出典を添えています。',
      en: 'When in doubt, talk to someone before you act. The numbers below are checked against the same data as every other number, with their sources.',
    },
  },
];

/** "Read this to the caller": step 4 as a short script to read aloud. */
export const readToCaller: { title: LocalText; lines: readonly LocalText[] } = {
  title: { ja: '相手に読み上げる文', en: 'Read this to the caller' },
  lines: [
    {
      ja: 'この番号から着信がありました。かけ直していただけますか。',
      en: 'I received a call from this number. Could you call me back?',
    },
    {
      ja: '私のことをお話しする前に、どなた宛てに、いつおかけになったか教えてください。',
      en: 'Before I tell you anything about me, please tell me whom you called and when.',
    },
    {
      ja: 'この電話では個人情報や暗証番号、確認コードはお伝えしません。必要なら、私から公式の番号におかけします。',
      en: 'I will not give personal details, PINs or codes on this call. If needed, I will call your official number myself.',
    },
  ],
};

/**
 * Step 6's help lines. `lookup` is what the popup asks the background about, so the number
 * shown, its organisation and its level come from the registry like every other number; a
 * line the registry does not answer for (a short code of another country) is shown without a
 * number. `url` is the service's own web page where the service is mainly online.
 */
export interface HelpLine {
  id: string;
  country: 'JP' | 'US' | 'GB';
  name: LocalText;
  lookup?: string;
  url?: string;
  note?: LocalText;
}

export const helpLines: readonly HelpLine[] = [
  {
    id: 'jp-police-consultation',
    country: 'JP',
    name: { ja: '警察相談専用電話', en: 'Police consultation line' },
    lookup: '#9110',
  },
  {
    id: 'jp-consumer-hotline',
    country: 'JP',
    name: { ja: '消費者ホットライン', en: 'Consumer Hotline' },
    lookup: '188',
  },
  {
    id: 'jp-intl-call-suspension',
    country: 'JP',
    name: { ja: '国際電話不取扱受付センター', en: 'International Call Suspension Center' },
    lookup: '+81 120-210-364',
    note: {
      ja: '固定電話の国際電話の発着信を無料で止められます。',
      en: 'Blocks international calls to and from your landline, free of charge.',
    },
  },
  {
    id: 'jp-police-emergency',
    country: 'JP',
    name: { ja: '警察（緊急時）', en: 'Police (emergency)' },
    lookup: '110',
  },
  {
    id: 'us-ftc',
    country: 'US',
    name: { ja: '米連邦取引委員会（FTC）ReportFraud', en: 'FTC ReportFraud' },
    lookup: '+1 877-382-4357',
    url: 'https://reportfraud.ftc.gov/',
  },
  {
    id: 'gb-159',
    country: 'GB',
    name: { ja: 'Stop Scams UK（英国）', en: 'Stop Scams UK' },
    lookup: '159',
    note: {
      ja: '自分の取引銀行の不正対策窓口に直接つながります。',
      en: "Puts you straight through to your own bank's fraud team.",
    },
  },
  {
    id: 'gb-action-fraud',
    country: 'GB',
    name: { ja: 'Action Fraud（英国）', en: 'Action Fraud (UK)' },
    lookup: '+44 300 123 2040',
    url: 'https://www.actionfraud.police.uk/',
  },
];

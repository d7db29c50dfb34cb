/**
 * Whether a page presents a company as the party behind a number, which is what impersonation
 * needs, rather than only naming it. Presenting: "【三井住友カード】…お電話ください",
 * "Amazonカスタマーサービス", "こちらは楽天カードです", "Chase: your card is locked", "Bank of
 * America Fraud Department". Naming only, and common on honest pages: "JCB・VISA・アメックス
 * ご利用いただけます" (a shop), "ヤマト運輸の宅急便でお届け", "三菱UFJ銀行の隣のビル",
 * "三井住友カードをかたる詐欺" (a warning), "Amazonで購入した商品". Works on normalizeName() text.
 */

/** Brackets an SMS or page puts around its sender: 【三井住友カード】, [Amazon]. */
const BRACKETS: Readonly<Record<string, string>> = {
  '【': '】',
  '[': ']',
  '〔': '〕',
  '《': '》',
  '〈': '〉',
};

/**
 * How a text presents a company. A sender (its name in brackets, the company speaking, a notice
 * about your account with it, a desk heading the text) speaks for the whole message:
 * "【三井住友カード】ご利用確認のため…。03-… までお電話ください". A desk the writer speaks of
 * names the party behind a number in its own sentence only: "Amazonカスタマーサービスに問い合わせた
 * ところ返金されました。私の店の電話は 03-…" is a shop, "参加費はゆうちょ銀行の窓口で。お問い合わせ
 * は事務局 03-…" an association.
 */
export type Presentation = 'sender' | 'desk';

/** Words that make the name a sender's when they follow it (after a space or の): a notice. */
const NOTICE_WORDS = [
  'お客様',
  'お客さま',
  'セキュリティ',
  '不正利用',
  '本人確認',
  'security',
  'fraud',
  'billing',
  'alert',
  // "Your Bank of America account has been locked": the page speaks about your account there.
  // Not 口座: shops print the bank account to pay into (三菱UFJ銀行 渋谷支店 普通口座).
  'account',
];

/** Words that make the name a desk when they follow it (after a space or の). */
const DESK_WORDS = [
  'カスタマー',
  'サポート',
  '窓口',
  'センター',
  'コール',
  '事務局',
  'デスク',
  'support',
  'customer',
  'service',
  'help',
  'team',
  'department',
];

/** What follows a name when the text speaks as that company. */
const SPEAKER_AFTER = [
  'です',
  'でございます',
  'からのお知らせ',
  'からのご連絡',
  'からのご案内',
  'よりお知らせ',
  'よりご連絡',
  'よりご案内',
  'よりお届け物',
  'をご利用のお客様',
  'をご利用の皆様',
  'をお使いのお客様',
  ':',
];

/** What precedes a name when the text speaks as that company. */
const SPEAKER_BEFORE = ['こちらは', 'this is'];

/** Title separators: "三井住友カード | ログイン", "Sign in - Amazon". */
const TITLE_SEPARATORS = /^\s*(?:$|[|｜\-–—:])/;
const TITLE_SEPARATORS_BEFORE = /(?:^|[|｜\-–—:])\s*$/;

/** How the name at text[start, end) is presented (see above), or null when it is only named. */
export function presentation(text: string, start: number, end: number): Presentation | null {
  const open = text[start - 1];
  if (open !== undefined && BRACKETS[open] === text[end]) return 'sender';
  const after = text.slice(end, end + 32);
  if (SPEAKER_AFTER.some((w) => after.trimStart().startsWith(w))) return 'sender';
  const before = text.slice(Math.max(0, start - 8), start).trimEnd();
  if (SPEAKER_BEFORE.some((w) => before.endsWith(w))) return 'sender';
  // An alias may be a desk itself ("Appleサポート"): read on from its desk word.
  const ownDesk = DESK_WORDS.find((w) => text.slice(start, end).endsWith(w));
  const rest = ownDesk ? ownDesk + after : after.replace(/^ ?の?/, '');
  // "Microsoftのサポート終了" is a PC shop talking about Windows, not a desk.
  if (/^(?:サポート(?:終了|期限)|support end)/.test(rest)) return null;
  if (NOTICE_WORDS.some((w) => rest.startsWith(w))) return 'sender';
  if (!DESK_WORDS.some((w) => rest.startsWith(w))) return null;
  // What follows the desk's whole name. "…の窓口で払い込む" is a place to go. "…カスタマーサービス
  // に問い合わせた", "…customer service and they refunded me": the writer speaks of the desk, in
  // that sentence, as does a label on a number. Anything else ("…カスタマーサービスから重要な
  // お知らせ", "…サポート担当の山田です", "…customer service: your order", a line of its own) is
  // the desk speaking, for the whole message.
  const desk = /^(?:[\p{Script=Katakana}\p{Script=Han}ー]+|[a-z]+(?: [a-z]+)?)/u.exec(rest)?.[0] ?? '';
  const then = rest.slice(desk.length).trimStart();
  if (/^で(?!す|ござ)/.test(then)) return null;
  // "…担当の山田です" is someone of the desk speaking; "…サポートのページで確認した", the writer.
  if (/^の[\p{Script=Han}\p{Script=Katakana}ー]{1,6}(?:です|でございます)/u.test(then)) return 'sender';
  if (/^(?:[にへとの]|を(?!ご利用)|(?:to|at|and|about|for|was|were|said|told|by|in|on|of|is)\b)/.test(then))
    return 'desk';
  // A label on the number after it ("Amazonカスタマーサービス 050-…", "… tel: 0120-…").
  if (/^:? ?(?:tel|電話|☎|℡)?[:.]? ?[+(\d]/.test(then)) return 'desk';
  return 'sender';
}

/**
 * A search results page's title is the reader's query ("Amazon カスタマーサービス - Google 検索"):
 * it names what they look for, and every result on the page would otherwise pose as it.
 */
const SEARCH_RESULTS_TITLE =
  /(?:[-–—|] ?(?:google ?(?:検索|search)|yahoo!? ?検索|bing|検索|search)|at duckduckgo)$/;

/** A page title is the page saying who it is: the name opens or closes it as its own part. */
export function titleNames(title: string, start: number, end: number): boolean {
  if (SEARCH_RESULTS_TITLE.test(title)) return false;
  return (
    presentation(title, start, end) !== null ||
    (TITLE_SEPARATORS_BEFORE.test(title.slice(0, start)) && TITLE_SEPARATORS.test(title.slice(end)))
  );
}

/**
 * What says that someone else uses the name, in a warning about them or a question about a call:
 * "Amazonカスタマーサービスを名乗る電話", "NTT東日本をかたる自動音声", "銀行員になりすました",
 * "Amazonカスタマーサービスから電話がありました", "scammers posing as Chase fraud department",
 * "I got a call from Chase", "se faisant passer pour Microsoft". The number there is still not
 * the company's, but the page is reporting the call, not making it. Not "message from Chase":
 * that is how scam texts sign.
 */
const CLAIMED_AFTER =
  /^[^。.!?！？]{0,16}?(?:[をと](?:名乗|かた|騙|装|偽|自称)|になりすま|に成りすま|から[^。.!?！？]{0,24}?(?:電話|着信|sms|メール)[がを]?(?:あり|あっ|来|き|届|受け|もらっ))/;
const CLAIMED_BEFORE =
  /(?:posing as|pos(?:e|es|ed) as|pretending to be|pretend(?:s|ed)? to be|claiming to be|claim(?:s|ed)? to be|impersonat(?:ing|es|ed|e)|fake|calls? from|called by|偽の?|ニセの?|se faisant passer pour|faux)\s*(?:the |an? |le |la |l')?$/;

/** Whether the name at text[start, end) is one the text says someone else uses (see above). */
export function reportsClaimed(text: string, start: number, end: number): boolean {
  return (
    CLAIMED_AFTER.test(text.slice(end, end + 40)) ||
    CLAIMED_BEFORE.test(text.slice(Math.max(0, start - 30), start))
  );
}

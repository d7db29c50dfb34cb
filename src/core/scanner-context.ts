/**
 * Words around a digit run that say it is not a phone number (order, tracking, account, postal
 * and corporate numbers, ISBNs, approval codes) or that it is one (TEL, FAX glued to digits).
 * Checked only for runs that already look like numbers, so cost does not matter much; kept
 * small because it ships in the content script.
 */

import { asciiCode } from './normalize';

/** Labels that say "the number that follows is not a phone number", whatever follows them. */
const NOT_PHONE = [
  'tracking',
  'invoice',
  'sku',
  'isbn',
  'issn',
  'serial',
  's/n',
  'p/n',
  'transaction',
  'patent',
  'asin',
  'ean',
  'upc',
  'gtin',
  'doi',
  'pmid',
  'iban',
  'ssn',
  'awb',
  'zip',
  'zip code',
  'postcode',
  'postal code',
  'ref',
  'reference',
  '注文',
  'ご注文',
  '受注',
  '伝票',
  '追跡',
  '審査',
  '品番',
  '型番',
  '製番',
  '商品コード',
  'jan',
  '〒',
];

/** Labels that say so only when followed by "number", "no.", "#", "id" or 番号. */
const NOT_PHONE_NUMBERED = [
  'order',
  'account',
  'acct',
  'case',
  'ticket',
  'model',
  'part',
  'item',
  'product',
  'customer',
  'member',
  'user',
  'booking',
  'reservation',
  'confirmation',
  'policy',
  'claim',
  'parcel',
  'shipment',
  'registration',
  'license',
  'licence',
  'vat',
  'tax',
  'routing',
  'お問い合わせ',
  '問い合わせ',
  '問合せ',
  '受付',
  '会員',
  '口座',
  '法人',
  '郵便',
  '登録',
  '製造',
  '管理',
  '予約',
  '整理',
  '請求',
  '証券',
  '契約',
  'お客様',
  '認証',
  '承認',
  '商品',
  '許可',
  '届出',
  '免許',
  '社員',
  '会社法人等',
  '個人',
  '車台',
];

const NUMBER_WORDS = ['number', 'num', 'no', 'nr', 'id', 'code', '#', '№', '番号', 'ナンバー', 'no.'];

/** Words that may be glued to the digits of a phone number (TEL0120-..., Fax03-...). */
const PHONE_LABELS = new Set(['tel', 'fax', 'phone', 'call', 'mobile', 'mob', 'cell', 'ph', 'dial', 'freedial']);

function isSeparator(c: number): boolean {
  // spaces, ':', '#' handled as a word, '.', '-', '=', opening brackets, Japanese は/の.
  return (
    c === 0x20 ||
    c === 0x3a ||
    c === 0x2e ||
    c === 0x2d ||
    c === 0x3d ||
    c === 0x28 ||
    c === 0x5b ||
    c === 0x3010 ||
    c === 0x300c ||
    c === 0x306f ||
    c === 0x09
  );
}

function trimSeparators(s: string): string {
  let e = s.length;
  while (e > 0 && isSeparator(s.charCodeAt(e - 1))) e--;
  return s.slice(0, e);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** True when `s` ends with the word `w` (ASCII words must not be the tail of a longer word). */
function endsWithWord(s: string, w: string): boolean {
  if (!s.endsWith(w)) return false;
  if (!isAsciiLetter(w.charCodeAt(0))) return true;
  const before = s.charCodeAt(s.length - w.length - 1);
  return !isAsciiLetter(before);
}

/** The few characters before `start`, folded to ASCII look-alikes and lower case. */
function lookBehind(text: string, start: number, span: number): string {
  let s = '';
  for (let i = Math.max(0, start - span); i < start; i++) s += String.fromCharCode(asciiCode(text.charCodeAt(i)));
  return s.toLowerCase();
}

/** Does a label before `start` say the number there is an order, postal, tracking… number? */
export function hasNonPhoneLabel(text: string, start: number): boolean {
  let s = trimSeparators(lookBehind(text, start, 24));
  if (s.length === 0) return false;
  for (const w of NOT_PHONE) if (endsWithWord(s, w)) return true;
  let numbered = false;
  for (const w of NUMBER_WORDS) {
    if (endsWithWord(s, w)) {
      s = trimSeparators(s.slice(0, s.length - w.length));
      numbered = true;
      break;
    }
  }
  if (!numbered) return false;
  for (const w of NOT_PHONE) if (endsWithWord(s, w)) return true;
  for (const w of NOT_PHONE_NUMBERED) if (endsWithWord(s, w)) return true;
  return false;
}

/** Is the Latin word that ends right before `start` a phone label such as TEL or Fax? */
export function isGluedPhoneLabel(text: string, start: number): boolean {
  let i = start;
  while (i > 0 && start - i < 10 && isAsciiLetter(asciiCode(text.charCodeAt(i - 1)))) i--;
  if (i > 0 && isAsciiLetter(asciiCode(text.charCodeAt(i - 1)))) return false;
  return PHONE_LABELS.has(lookBehind(text, start, start - i));
}

/** Is the Latin word that starts at `end` a phone label (…5678FAX 03-…)? */
export function isGluedPhoneLabelAfter(text: string, end: number): boolean {
  let i = end;
  while (i < text.length && i - end < 10 && isAsciiLetter(asciiCode(text.charCodeAt(i)))) i++;
  if (i < text.length && isAsciiLetter(asciiCode(text.charCodeAt(i)))) return false;
  let word = '';
  for (let k = end; k < i; k++) word += String.fromCharCode(asciiCode(text.charCodeAt(k)));
  return PHONE_LABELS.has(word.toLowerCase());
}

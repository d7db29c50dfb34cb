/**
 * Words around a digit run that say it is not a phone number (order, tracking, account, postal
 * and corporate numbers, ISBNs, approval codes) or that it is one (TEL, FAX glued to digits).
 * Checked for every run long enough to be a number, so labels are matched backwards in a trie
 * without building strings; kept small because it ships in the content script.
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
const PHONE_LABELS = new Set([
  'tel',
  'fax',
  'phone',
  'call',
  'mobile',
  'mob',
  'cell',
  'ph',
  'dial',
  'freedial',
]);

function isSeparator(c: number): boolean {
  // spaces, ':', '.', '-', '=', opening brackets, tab, Japanese は.
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

function isAsciiLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
}

/** A character folded for label matching: ASCII look-alike, lower case. */
function fold(c: number): number {
  const a = asciiCode(c);
  return a >= 0x41 && a <= 0x5a ? a | 0x20 : a;
}

/**
 * Labels stored reversed in a trie, matched backwards from the number without building strings:
 * the look-behind runs for every candidate on every page.
 */
interface Trie {
  next: Map<number, Trie>;
  end: boolean;
}

function trieOf(words: readonly string[]): Trie {
  const root: Trie = { next: new Map(), end: false };
  for (const w of words) {
    let node = root;
    for (let i = w.length - 1; i >= 0; i--) {
      const c = w.charCodeAt(i);
      let child = node.next.get(c);
      if (!child) {
        child = { next: new Map(), end: false };
        node.next.set(c, child);
      }
      node = child;
    }
    node.end = true;
  }
  return root;
}

interface LabelTries {
  notPhone: Trie;
  numbered: Trie;
  numberWord: Trie;
}

/**
 * Built at the first look-behind, not at load: the content script is evaluated in every frame
 * of every page, inside the page's parse, and building these was two thirds of that evaluation
 * (0.35 of 0.5 ms in Node), paid even where nothing is ever scanned (paused, no digits).
 */
let labelTries: LabelTries | null = null;
function tries(): LabelTries {
  labelTries ??= {
    notPhone: trieOf(NOT_PHONE),
    numbered: trieOf([...NOT_PHONE, ...NOT_PHONE_NUMBERED]),
    numberWord: trieOf(NUMBER_WORDS),
  };
  return labelTries;
}

/** Index before `from` once separators are skipped (at most a few). */
function skipSeparatorsBack(text: string, from: number): number {
  let i = from;
  while (i >= 0 && from - i < 6 && isSeparator(asciiCode(text.charCodeAt(i)))) i--;
  return i;
}

/**
 * If a label of `trie` ends at text[i] (reading backwards) as a whole word, the index just
 * before the longest such label; else -2.
 */
function labelBefore(text: string, i: number, trie: Trie): number {
  let node: Trie | undefined = trie;
  let found = -2;
  for (let k = i; k >= 0 && i - k < 20; k--) {
    node = node.next.get(fold(text.charCodeAt(k)));
    if (!node) break;
    if (node.end) {
      const first = fold(text.charCodeAt(k));
      if (!isAsciiLetter(first) || k === 0 || !isAsciiLetter(fold(text.charCodeAt(k - 1)))) found = k - 1;
    }
  }
  return found;
}

/** Does a label before `start` say the number there is an order, postal, tracking… number? */
export function hasNonPhoneLabel(text: string, start: number): boolean {
  const i = skipSeparatorsBack(text, start - 1);
  if (i < 0) return false;
  const { notPhone, numbered, numberWord } = tries();
  if (labelBefore(text, i, notPhone) !== -2) return true;
  const before = labelBefore(text, i, numberWord);
  if (before === -2) return false;
  const j = skipSeparatorsBack(text, before);
  return j >= 0 && labelBefore(text, j, numbered) !== -2;
}

/** The few characters before `start`, folded to ASCII look-alikes and lower case. */
function lookBehind(text: string, start: number, span: number): string {
  let s = '';
  for (let i = Math.max(0, start - span); i < start; i++) s += String.fromCharCode(fold(text.charCodeAt(i)));
  return s;
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

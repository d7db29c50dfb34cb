/**
 * Words a text quotes rather than says: pages that warn about scams put the scammers' words in
 * quotation marks (「還付金があります」, "your computer is locked"). Works on normalizeName() text.
 */

/** Opening quotation marks and their closing ones (text is NFKC-normalised first). */
const QUOTE_PAIRS: Readonly<Record<string, string>> = {
  '「': '」',
  '『': '』',
  '“': '”',
  '‘': '’',
  '«': '»',
  '〝': '〟',
  '"': '"',
};
const CLOSING_QUOTES = new Set(Object.values(QUOTE_PAIRS).filter((q) => q !== '"'));
/** How far a quotation mark may be from the words it encloses. */
const QUOTE_REACH = 60;

/** Whether text[start, end) sits between quotation marks: quoted, not said. */
function isQuoted(text: string, start: number, end: number): boolean {
  for (let i = start - 1; i >= 0 && start - i <= QUOTE_REACH; i--) {
    const ch = text[i] as string;
    const close = QUOTE_PAIRS[ch];
    if (close !== undefined) {
      const j = text.indexOf(close, end);
      return j >= 0 && j - end <= QUOTE_REACH;
    }
    if (CLOSING_QUOTES.has(ch)) return false;
  }
  return false;
}

/** Whether `phrase` occurs in `text` other than in quotation marks. */
export function saysPhrase(text: string, phrase: string): boolean {
  for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
    if (!isQuoted(text, at, at + phrase.length)) return true;
  }
  return false;
}

/**
 * Words with which a text calls what it describes a scam: a police, consumer-centre or news page
 * that lists the tactics ("口座が犯罪に使われている、逮捕状が出ているなどと言ってきます") next to its
 * own help line. Scam pages and messages do not call themselves that. Not 悪質 (malicious): fake
 * alerts say 悪質なウイルスが検出されました. Works on normalizeName() text.
 */
const DESCRIBES_SCAMS = /詐欺|手口|scam|impostor|arnaque|escroc|escroquer/;

/** Whether the text speaks about scams rather than being one (see above). */
export function describesScams(text: string): boolean {
  return DESCRIBES_SCAMS.test(text);
}

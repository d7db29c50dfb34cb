/**
 * Line numbers for JSON values, so data errors read `data/registry/jp.json:42: …`.
 * A small tokenizer walks the (already parsed, hence valid) JSON text and records the line on
 * which each value starts, keyed by JSON Pointer (`/entries/3/numbers/0/number`).
 */
export function jsonPointerLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;

  const skipSpace = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r') break;
    }
  };
  const readString = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++; // closing quote
    return JSON.parse(text.slice(start, i)) as string;
  };
  const pointerToken = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

  const value = (pointer: string): void => {
    skipSpace();
    lines.set(pointer, line);
    const c = text[i];
    if (c === '{') {
      i++;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipSpace();
        const key = readString();
        skipSpace();
        i++; // colon
        value(`${pointer}/${pointerToken(key)}`);
        skipSpace();
        if (text[i++] === '}') return;
      }
    }
    if (c === '[') {
      i++;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${pointer}/${n}`);
        skipSpace();
        if (text[i++] === ']') return;
      }
    }
    if (c === '"') {
      readString();
      return;
    }
    while (i < text.length && !',]}\n\r\t '.includes(text[i] as string)) i++; // number, true, false, null
  };

  value('');
  return lines;
}

/** Line of the value at `pointer`, or of its nearest recorded ancestor. */
export function lineOf(lines: Map<string, number>, pointer: string): number {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const line = lines.get(p);
    if (line !== undefined) return line;
    if (!p) return 1;
  }
}

/** Where JSON.parse failed, as a line number. V8 says "position N" (newer) or quotes the text around the error (Node 20). */
export function parseErrorLine(text: string, error: unknown): number {
  const message = error instanceof Error ? error.message : '';
  const lineMatch = /\(line (\d+) column \d+\)/.exec(message);
  if (lineMatch) return Number(lineMatch[1]);
  const toLine = (offset: number) => text.slice(0, offset).split('\n').length;
  const pos = /position (\d+)/.exec(message);
  if (pos) return toLine(Number(pos[1]));
  const quoted = /^Unexpected token '(.+?)', (?:\.\.\.)?"([\s\S]*?)(?:\.\.\.)?" is not valid JSON$/.exec(
    message,
  );
  if (quoted) {
    const [, token, around] = quoted as unknown as [string, string, string];
    const at = text.indexOf(around);
    if (at >= 0) return toLine(at + Math.max(0, around.indexOf(token)));
  }
  if (/Unexpected end of JSON input/.test(message)) return toLine(text.length);
  return 1;
}

import { describe, expect, it } from 'vitest';
import { jsonPointerLines, lineOf, parseErrorLine } from './json-lines';

const text = `{
  "country": "JP",
  "entries": [
    {
      "id": "a\\"b",
      "numbers": [
        { "number": "0120-210-364" },
        {
          "number": "188"
        }
      ]
    }
  ],
  "empty": {}, "list": []
}`;

describe('JSON line numbers', () => {
  const lines = jsonPointerLines(text);

  it('records the line of each value by JSON Pointer', () => {
    expect(lines.get('/country')).toBe(2);
    expect(lines.get('/entries/0/id')).toBe(5);
    expect(lines.get('/entries/0/numbers/0/number')).toBe(7);
    expect(lines.get('/entries/0/numbers/1/number')).toBe(9);
    expect(lines.get('/list')).toBe(14);
  });

  it('falls back to the nearest ancestor for a pointer it did not see', () => {
    expect(lineOf(lines, '/entries/0/numbers/1/purpose')).toBe(8);
  });

  it('turns a JSON.parse failure into a line', () => {
    const broken = '{\n  "a": 1,\n  "b": oops\n}';
    try {
      JSON.parse(broken);
    } catch (e) {
      expect(parseErrorLine(broken, e)).toBe(3);
    }
    expect.assertions(1);
  });
});

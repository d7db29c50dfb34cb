import { describe, expect, it } from 'vitest';
import { e164Key, RegistryIndex } from './registry-index';

describe('RegistryIndex', () => {
  const index = new RegistryIndex([
    ['+81120210364', 0],
    ['+815053456789', 1],
    ['+81120210364', 2],
    ['+18005550100', 3],
    ['not a number', 4],
  ]);

  it('finds every record for a number, and nothing for an unknown one', () => {
    expect(index.lookup('+81120210364')).toEqual([0, 2]);
    expect(index.lookup('+18005550100')).toEqual([3]);
    expect(index.lookup('+81120210365')).toEqual([]);
    expect(index.lookup('0120210364')).toEqual([]);
  });

  it('ignores entries that are not E.164', () => {
    expect(index.size).toBe(4);
  });

  it('keeps 15-digit numbers exact', () => {
    expect(e164Key('+999999999999999')).toBe(999999999999999);
    expect(Number.isSafeInteger(e164Key('+999999999999999'))).toBe(true);
    expect(e164Key('+12a')).toBeNaN();
  });
});

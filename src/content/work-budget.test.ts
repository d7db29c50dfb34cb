import { describe, expect, it } from 'vitest';
import { WorkBudget } from './work-budget';

describe('WorkBudget', () => {
  it('lets a page have its burst at once', () => {
    const b = new WorkBudget(2000, 0.1);
    b.spend(1999, 0);
    expect(b.waitMs(0)).toBe(0);
  });

  it('makes an exhausted page wait until a slice of time has come back', () => {
    const b = new WorkBudget(2000, 0.1);
    b.spend(2000, 0);
    const wait = b.waitMs(0);
    expect(wait).toBeGreaterThan(0);
    expect(b.waitMs(wait)).toBe(0);
  });

  it('holds a page that works forever to its share of the time', () => {
    const b = new WorkBudget(100, 0.1);
    let now = 0;
    let worked = 0;
    while (now < 60_000) {
      const wait = b.waitMs(now);
      if (wait > 0) now += wait;
      else {
        b.spend(5, now);
        worked += 5;
        now += 5;
      }
    }
    expect(worked).toBeLessThanOrEqual(100 + 60_000 * 0.1 + 5);
    expect(worked).toBeGreaterThan(60_000 * 0.09);
  });

  it('never saves up more than the burst while the page is quiet', () => {
    const b = new WorkBudget(100, 0.1);
    b.spend(0, 0);
    b.spend(150, 1_000_000);
    expect(b.waitMs(1_000_000)).toBeGreaterThan(0);
  });
});

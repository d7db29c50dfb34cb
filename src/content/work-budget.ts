/**
 * How much main-thread time one frame's scanning and marking may take: a token bucket. A page
 * gets BURST_MS at once (enough to scan a 5 MB page), then SHARE of the time that passes, so a
 * page that mutates forever costs at most that share of a core and is still followed, where a
 * fixed lifetime cap would leave its later numbers unmarked.
 */
const BURST_MS = 2000;
const SHARE = 0.1;
/** When the bucket is empty, wait until this much has come back (fewer, longer waits). */
const RESUME_MS = 50;

export class WorkBudget {
  private available: number;
  private at: number | null = null;

  constructor(
    private readonly burstMs = BURST_MS,
    private readonly share = SHARE,
  ) {
    this.available = burstMs;
  }

  private refill(now: number): void {
    if (this.at !== null)
      this.available = Math.min(this.burstMs, this.available + (now - this.at) * this.share);
    this.at = now;
  }

  spend(ms: number, now: number): void {
    this.refill(now);
    this.available -= ms;
  }

  /** 0 when work may go on, else how long to wait before the next slice. */
  waitMs(now: number): number {
    this.refill(now);
    if (this.available > 0) return 0;
    return Math.ceil((RESUME_MS - this.available) / this.share);
  }
}

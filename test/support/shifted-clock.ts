import type { Clock } from '../../src/platform/clock.js';

/**
 * Real time plus an offset the test moves: a browser test's server keeps running (sessions,
 * TOTP steps, jobs) while the test jumps days ahead to make a deadline pass. Test code only.
 */
export class ShiftedClock implements Clock {
  private offset = 0;
  now(): number {
    return Date.now() + this.offset;
  }
  shift(ms: number): void {
    this.offset += ms;
  }
}

import type { Prng } from './prng.js';
import type { WeightedPicker } from './weighted-picker.js';

/**
 * Picks the user of a new session by activity, never one already in a session, so each user's
 * events form one session at a time (login before logout, one funnel walk). When a few draws find
 * only busy users (a high rate over few users) it gives up, and the scheduler lets a running
 * session go on early instead.
 */
export class UserPicker {
  private readonly busy = new Set<number>();

  constructor(
    private readonly activity: WeightedPicker<number>,
    private readonly prng: Prng,
  ) {}

  acquire(): number | undefined {
    for (let tries = 0; tries < 8; tries++) {
      const user = this.activity.pick(this.prng);
      if (!this.busy.has(user)) {
        this.busy.add(user);
        return user;
      }
    }
    return undefined;
  }

  release(user: number): void {
    this.busy.delete(user);
  }
}

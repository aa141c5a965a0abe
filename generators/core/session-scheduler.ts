import { MinHeap } from './min-heap.js';

/** A sequence of events by one actor (a user's visit, an order's lifecycle). */
export interface Session<E> {
  /**
   * Emits this session's next event at `time`. `nextInMs` is the think time until its following
   * event; leave it out when the session is over.
   */
  step(time: number, eventId: string): { event: E; nextInMs?: number };
}

/**
 * Interleaves concurrent sessions onto a fixed schedule of event times. At each time, the session
 * that has been due longest emits; when none is due yet, a new session starts. So the schedule fixes
 * the event rate exactly, the number of concurrent sessions follows from rate times think time, and
 * each session's gaps are its think times (or a little more when several are due at once).
 * Deterministic: ties go to the session that became due first.
 */
export class SessionScheduler<E> {
  private readonly due = new MinHeap<Session<E>>();

  /** `startSession` returns undefined when no new session can start (every user is busy). */
  constructor(private readonly startSession: (time: number) => Session<E> | undefined) {}

  /** Sessions waiting for their next event. */
  get active(): number {
    return this.due.size;
  }

  next(time: number, eventId: string): E {
    // When nothing is due and no session can start, the session due soonest goes early.
    const session =
      (this.due.peekPriority() <= time ? undefined : this.startSession(time)) ??
      this.due.pop() ??
      failNoSession();
    const { event, nextInMs } = session.step(time, eventId);
    if (nextInMs !== undefined) this.due.push(time + nextInMs, session);
    return event;
  }
}

function failNoSession(): never {
  throw new Error('SessionScheduler: no session is due and none could start');
}

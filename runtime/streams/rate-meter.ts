/** Input and output rates of a job over the last interval, in records per second. */
export interface JobRates {
  inputRate: number;
  outputRate: number;
}

/**
 * Turns the running totals of a job's counters into rates: each `sample` gives the records per
 * second since the previous one (or since the meter was created). Pure: the caller passes the time.
 */
export class RateMeter {
  private last: { at: number; input: number; output: number };

  constructor(startedAt: number, totals: { input: number; output: number } = { input: 0, output: 0 }) {
    this.last = { at: startedAt, input: totals.input, output: totals.output };
  }

  sample(now: number, totals: { input: number; output: number }): JobRates {
    const seconds = (now - this.last.at) / 1000;
    const rate = (count: number) => (seconds > 0 ? Math.max(0, count) / seconds : 0);
    const rates = { inputRate: rate(totals.input - this.last.input), outputRate: rate(totals.output - this.last.output) };
    this.last = { at: now, input: totals.input, output: totals.output };
    return rates;
  }
}

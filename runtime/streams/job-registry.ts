import type { JobDefinition } from './job-definition.js';
import { enrichClickstream } from './jobs/enrich-clickstream.js';
import { pageviewWindows } from './jobs/pageview-windows.js';
import { passThrough } from './jobs/pass-through.js';
import { purchaseAlerts } from './jobs/purchase-alerts.js';
import { sessionize } from './jobs/sessionize.js';

/** The jobs `kafka-sandbox jobs` knows, by name; build a fresh one in tests and add your own. */
export class JobRegistry {
  private readonly jobs = new Map<string, JobDefinition>();

  add(job: JobDefinition): this {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is registered twice`);
    this.jobs.set(job.name, job);
    return this;
  }

  get(name: string): JobDefinition | undefined {
    return this.jobs.get(name);
  }

  names(): string[] {
    return [...this.jobs.keys()];
  }

  all(): JobDefinition[] {
    return [...this.jobs.values()];
  }
}

export function builtinJobs(): JobRegistry {
  return new JobRegistry().add(enrichClickstream).add(pageviewWindows).add(sessionize).add(purchaseAlerts).add(passThrough);
}

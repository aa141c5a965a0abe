import type { JobDefinition } from '../job-definition.js';

/** Copies records unchanged (key, value, headers): the ceiling the benchmark compares jobs with. */
export const passThrough: JobDefinition = {
  name: 'pass-through',
  description: 'copies every record of the source topic to the sink unchanged (benchmark baseline)',
  options: {
    source: { type: 'topic', description: 'input topic', default: 'clickstream' },
    sink: { type: 'topic', description: 'output topic', default: 'clickstream-copy' },
  },
  build(job, options) {
    job
      .source(String(options.source), { parse: (value) => value, eventTime: (_value, record) => record.timestamp })
      .to(String(options.sink));
  },
};

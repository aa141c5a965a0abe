import { describe, expect, it } from 'vitest';
import { parseDeployment, parseProperties } from './deploy-file.js';

describe('connector files', () => {
  it('reads the REST body and a bare config', () => {
    expect(parseDeployment('{"name":"a","config":{"connector.class":"FileStreamSink","tasks.max":1}}', 'a.json')).toEqual({ name: 'a', config: { 'connector.class': 'FileStreamSink', 'tasks.max': '1', name: 'a' }, paused: false });
    expect(parseDeployment('{"name":"b","connector.class":"FileStreamSink"}', 'b.json').name).toBe('b');
  });

  it('reads standalone .properties with comments and continuations', () => {
    expect(parseProperties('# c\nname=local-file-sink\nconnector.class = FileStreamSink\ntopics=a,\\\n  b\nfile: /tmp/x\n')).toEqual({ name: 'local-file-sink', 'connector.class': 'FileStreamSink', topics: 'a,b', file: '/tmp/x' });
  });

  it('reads a Strimzi KafkaConnector', () => {
    const yaml = ['apiVersion: kafka.strimzi.io/v1beta2', 'kind: KafkaConnector', 'metadata:', '  name: es-sink', 'spec:', '  class: io.confluent.connect.elasticsearch.ElasticsearchSinkConnector', '  tasksMax: 2', '  state: paused', '  config:', '    topics: orders', '    key.ignore: true'].join('\n');
    expect(parseDeployment(yaml, 'c.yaml')).toEqual({
      name: 'es-sink',
      config: { topics: 'orders', 'key.ignore': 'true', 'connector.class': 'io.confluent.connect.elasticsearch.ElasticsearchSinkConnector', 'tasks.max': '2', name: 'es-sink' },
      paused: true,
    });
  });
});

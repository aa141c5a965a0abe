import { mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeConfig } from '../core/config-spec.js';
import { maskConfig } from '../core/secret-mask.js';
import { confinedPath, escapesDirectory } from '../connectors/confined-path.js';
import { elasticsearchSinkPlugin } from '../connectors/elasticsearch-sink.js';
import { fileSinkPlugin } from '../connectors/file-sink.js';
import { postgresSinkPlugin } from '../connectors/postgres-sink.js';
import { RestError } from './rest-error.js';
import { invalidConfigMessage, validateConnectorConfig } from './validate-config.js';

describe('connector config validation', () => {
  it('accepts JSON numbers and booleans as values', () => {
    expect(normalizeConfig({ 'tasks.max': 2, 'auto.create': true, x: null })).toEqual({ 'tasks.max': '2', 'auto.create': 'true' });
  });

  it('lists every invalid key in Connect\'s message', () => {
    const infos = validateConnectorConfig(postgresSinkPlugin, normalizeConfig({ name: 'n', 'connector.class': 'x', 'tasks.max': 0, 'pk.mode': 'nope' }));
    expect(infos.error_count).toBe(4);
    expect(invalidConfigMessage(infos).split('\n')).toEqual([
      'Connector configuration is invalid and contains the following 4 error(s):',
      'Invalid value 0 for configuration tasks.max: Value must be at least 1',
      'Must configure one of topics or topics.regex'.replace(/^/, 'Invalid value  for configuration topics: '),
      'Missing required configuration "connection.url" which has no default value.',
      'Invalid value nope for configuration pk.mode: String must be one of: none, kafka, record_key, record_value',
      'You can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`',
    ]);
  });

  it('checks cross-field rules only once every field is valid', () => {
    const infos = validateConnectorConfig(elasticsearchSinkPlugin, normalizeConfig({ name: 'n', 'connector.class': 'x', topics: 't', 'connection.url': 'http://es:9200', 'key.ignore': true, 'behavior.on.null.values': 'DELETE' }));
    expect(infos.configs.find((c) => c.definition.name === 'behavior.on.null.values')!.value.errors).toEqual([expect.stringContaining('delete needs the record key')]);
    const dlq = validateConnectorConfig(fileSinkPlugin, normalizeConfig({ name: 'n', 'connector.class': 'x', topics: 'a,dlq', file: 'f', 'errors.deadletterqueue.topic.name': 'dlq' }));
    expect(dlq.error_count).toBe(1);
  });

  it('masks passwords and passwords inside URLs', () => {
    expect(maskConfig({ 'connection.password': 'p', 'connection.url': 'jdbc:postgresql://h/db?user=u&password=p', other: 'postgres://u:p@h/db' })).toEqual({
      'connection.password': '[hidden]',
      'connection.url': 'jdbc:postgresql://h/db?user=u&password=[hidden]',
      other: 'postgres://u:[hidden]@h/db',
    });
  });

  it('gives REST errors Connect\'s body', () => {
    expect(new RestError(404, 'Connector x not found').body()).toEqual({ error_code: 404, message: 'Connector x not found' });
  });
});

describe('file connectors stay in their directory', () => {
  it('refuses .. and symlinked folders, and roots absolute paths in the directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'confined-'));
    expect(confinedPath(dir, 'out/a.txt')).toMatch(/out\/a\.txt$/);
    expect(() => confinedPath(dir, '../escape.txt')).toThrow(/outside/);
    expect(() => confinedPath(dir, '/../../etc/passwd')).toThrow(/outside/);
    expect(confinedPath(dir, '/tmp/test.sink.txt')).toBe(join(realpathSync(dir), 'tmp', 'test.sink.txt'));
    expect(escapesDirectory('a/../../b')).toBe(true);
    expect(escapesDirectory('/tmp/x')).toBe(false);
    expect(validateConnectorConfig(fileSinkPlugin, { name: 'n', 'connector.class': 'x', topics: 't', file: '../../etc/passwd' }).error_count).toBe(1);
    symlinkSync('/etc', join(dir, 'link'));
    expect(() => confinedPath(dir, 'link/passwd')).toThrow(/outside/);
  });
});

import { describe, expect, it } from 'vitest';
import { importPluginModules } from '../../runtime/worker/plugin-modules.js';
import { generatorConnectorModule } from './plugin-module.js';

describe('generator connector module', () => {
  it('gives a worker the datagen source by module path', async () => {
    const plugins = await importPluginModules([generatorConnectorModule()]);
    expect(plugins.map((p) => p.className)).toEqual(['io.kafkasandbox.connect.datagen.DatagenSourceConnector']);
    expect(plugins[0]!.aliases).toContain('io.confluent.kafka.connect.datagen.DatagenConnector');
  });
});

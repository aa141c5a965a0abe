import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { ConfigError } from '../core/errors.js';
import { normalizeConfig } from '../core/config-spec.js';

export interface ConnectorDeployment {
  name: string;
  config: Record<string, string>;
  /** Strimzi's `spec.state: paused|stopped`. */
  paused: boolean;
}

/** Java .properties: `key=value` / `key: value` / `key value`, `#`/`!` comments, `\` continuations. */
export function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!.trimStart();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    while (/(^|[^\\])(\\\\)*\\$/.test(line) && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i]!.trimStart();
    const match = /^((?:\\.|[^=:\s\\])+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (!match) {
      out[line.replace(/\\(.)/g, '$1')] = '';
      continue;
    }
    out[match[1]!.replace(/\\(.)/g, '$1')] = match[2]!.replace(/\\([=:#!\s\\])/g, '$1').replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  }
  return out;
}

/**
 * A connector from a file in any of the shapes tutorials use: the REST body (`{"name","config"}`)
 * or a bare config JSON, a standalone worker's `.properties`, or a Strimzi `KafkaConnector` YAML.
 */
export function parseDeployment(text: string, fileName: string): ConnectorDeployment {
  const ext = extname(fileName).toLowerCase();
  if (ext === '.properties' || ext === '.conf') {
    const config = parseProperties(text);
    if (!config.name) throw new ConfigError(`${fileName}: a connector .properties file needs a name= line`);
    return { name: config.name, config, paused: false };
  }
  let doc: unknown;
  try {
    doc = ext === '.yaml' || ext === '.yml' ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${fileName}: ${(error as Error).message}`);
  }
  if (!doc || typeof doc !== 'object') throw new ConfigError(`${fileName}: expected an object`);
  const d = doc as Record<string, any>;
  if (d.kind === 'KafkaConnector') {
    const name = d.metadata?.name;
    if (!name) throw new ConfigError(`${fileName}: a KafkaConnector needs metadata.name`);
    if (!d.spec?.class) throw new ConfigError(`${fileName}: a KafkaConnector needs spec.class`);
    const config = normalizeConfig({ ...(d.spec.config ?? {}), 'connector.class': d.spec.class, ...(d.spec.tasksMax !== undefined ? { 'tasks.max': d.spec.tasksMax } : {}), name });
    return { name, config, paused: d.spec.pause === true || d.spec.state === 'paused' || d.spec.state === 'stopped' };
  }
  if (d.config && typeof d.config === 'object') {
    const name = d.name ?? d.config.name;
    if (!name) throw new ConfigError(`${fileName}: the connector needs a "name"`);
    return { name, config: normalizeConfig({ ...d.config, name }), paused: false };
  }
  if (!d.name || !d['connector.class']) throw new ConfigError(`${fileName}: expected {"name", "config"}, a config with name and connector.class, a .properties file or a Strimzi KafkaConnector`);
  return { name: d.name, config: normalizeConfig(d), paused: false };
}

export async function loadDeployment(file: string): Promise<ConnectorDeployment> {
  return parseDeployment(await readFile(file, 'utf8'), file);
}

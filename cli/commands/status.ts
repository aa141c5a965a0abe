import { attachSandbox } from '../../app/attach-sandbox.js';
import { maskUrl } from '../../stacks/sandbox-state.js';
import type { SandboxStatus } from '../../stacks/sandbox-status.js';

function render(status: SandboxStatus): string[] {
  const lines = [`sandbox ${status.name}  mode ${status.mode}  images ${status.images}`, '', 'services'];
  for (const service of status.services) lines.push(`  ${service.running ? '●' : '○'} ${service.service.padEnd(16)} ${service.state}`);
  lines.push('', 'endpoints');
  lines.push(`  kafka            ${status.kafka.bootstrapServers}`);
  if (status.schemaRegistry) lines.push(`  schema-registry  ${status.schemaRegistry.url}`);
  if (status.connect) {
    lines.push(`  connect          ${status.connect.url}${status.connect.workerUrl ? `  (real worker: ${status.connect.workerUrl})` : ''}`);
    lines.push(`  connect files    ${status.connect.fileDirectory}  (where FileStream connectors' \`file\` paths resolve)`);
  }
  if (status.postgres) lines.push(`  postgres         ${maskUrl(status.postgres.url)}`);
  if (status.elasticsearch) lines.push(`  elasticsearch    ${status.elasticsearch.url}`);
  lines.push('', 'brokers');
  for (const broker of status.kafka.brokers) {
    lines.push(`  ${String(broker.id).padEnd(3)} ${broker.alias.padEnd(10)} ${broker.host}:${broker.port}  ${broker.running ? 'up' : 'DOWN'}${broker.controller ? '  controller' : ''}`);
  }
  if (status.kafka.error) lines.push(`  (cluster not reachable: ${status.kafka.error})`);
  lines.push('', 'topics');
  for (const topic of status.kafka.topics) {
    const health = [
      topic.underReplicated ? `${topic.underReplicated} under-replicated` : '',
      topic.offline ? `${topic.offline} offline` : '',
    ].filter(Boolean).join(', ');
    lines.push(`  ${topic.name.padEnd(24)} partitions ${String(topic.partitions).padEnd(3)} rf ${topic.replicationFactor}  ${health || 'healthy'}`);
  }
  return lines;
}

/** `kafka-sandbox status`: services, endpoints, brokers and topic health; `--json` for scripts. */
export async function status(options: { name: string; json?: boolean }): Promise<void> {
  const sandbox = await attachSandbox(options.name);
  const result = await sandbox.status();
  console.log(options.json ? JSON.stringify(result, null, 2) : render(result).join('\n'));
}

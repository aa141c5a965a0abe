/** Docker labels on everything a sandbox creates, so `status` and `down` find it again. */
export const labelKeys = {
  /** Present on every container, network and volume kafka-sandbox creates. */
  managed: 'dev.kafka-sandbox.managed',
  /** The sandbox name (`--name`, default "default"). */
  name: 'dev.kafka-sandbox.name',
  /** The service within the sandbox: broker-1, postgres, ... */
  service: 'dev.kafka-sandbox.service',
} as const;

export function sandboxLabels(name: string, service?: string): Record<string, string> {
  return {
    [labelKeys.managed]: 'true',
    [labelKeys.name]: name,
    ...(service ? { [labelKeys.service]: service } : {}),
  };
}

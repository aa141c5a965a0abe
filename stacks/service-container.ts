import type { StartedTestContainer, WaitStrategy } from 'testcontainers';
import { StackError } from '../runtime/core/errors.js';
import type { ImageChoice } from './images.js';
import { sandboxLabels } from './labels.js';
import { containerLogTail } from './container-logs.js';
import { SandboxContainer } from './sandbox-container.js';

/** What every service module needs to make its container. */
export interface ServiceContext {
  sandboxName: string;
  /** Name of the sandbox's Docker network. */
  networkName: string;
  /** Host port per service name (broker-1, postgres, ...), chosen before any container starts. */
  hostPorts: Record<string, number>;
  startupTimeoutMs: number;
}

/** A service's container before start. */
export interface ServiceDraft {
  service: string;
  image: ImageChoice;
  /** Docker container name: kafka-sandbox-<sandbox>-<service>. */
  containerName: string;
  container: SandboxContainer;
}

export interface ServiceDraftOptions {
  service: string;
  image: ImageChoice;
  aliases: string[];
  /** Container port published on the service's planned host port. */
  publish?: number;
  /** Whose planned host port `publish` takes (default: `service`'s own). */
  hostPortOf?: string;
  env?: Record<string, string>;
  files?: { target: string; content: string }[];
  /** Replaces the image's entrypoint. */
  entrypoint?: string[];
  command?: string[];
  wait: WaitStrategy;
}

/** A container on the sandbox network, labelled, with its port bound on 127.0.0.1 only. */
export function draftService(context: ServiceContext, options: ServiceDraftOptions): ServiceDraft {
  const containerName = `kafka-sandbox-${context.sandboxName}-${options.service}`;
  const container = new SandboxContainer(options.image.ref)
    .withName(containerName)
    .withNetworkMode(context.networkName)
    .withNetworkAliases(...options.aliases)
    .withLabels(sandboxLabels(context.sandboxName, options.service))
    .withEnvironment(options.env ?? {})
    .withWaitStrategy(options.wait)
    .withStartupTimeout(context.startupTimeoutMs);
  if (options.publish !== undefined) {
    const host = context.hostPorts[options.hostPortOf ?? options.service];
    container.withExposedPorts(host === undefined ? options.publish : { container: options.publish, host });
  }
  if (options.files?.length) container.withCopyContentToContainer(options.files);
  if (options.entrypoint) container.withEntrypoint(options.entrypoint);
  if (options.command) container.withCommand(options.command);
  return { service: options.service, image: options.image, containerName, container };
}

/** Starts a drafted service; a failure names the service, the image and the last 30 log lines. */
export async function startService(draft: ServiceDraft): Promise<StartedTestContainer> {
  try {
    return await draft.container.start();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const lines = await containerLogTail(draft.containerName, 30);
    throw new StackError(`${draft.service} (image ${draft.image.ref}) failed to start: ${reason}`, {
      ...(lines.length ? { hint: `Its last ${lines.length} log lines are below.`, nextSteps: [lines.join('\n')] } : {}),
      cause,
    });
  }
}

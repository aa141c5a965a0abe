import { getContainerRuntimeClient, type ContainerRuntimeClient } from 'testcontainers';
import { StackError } from '../runtime/core/errors.js';

/**
 * Every published port is bound to 127.0.0.1, so that is where a local engine's containers are
 * reached. testcontainers would otherwise pick the bridge gateway (172.17.0.1) whenever it runs
 * inside a container (`/.dockerenv`), where no 127.0.0.1-bound port answers. A remote engine
 * (DOCKER_HOST=tcp://...) and an explicit TESTCONTAINERS_HOST_OVERRIDE are left alone.
 */
export function reachContainersOnLoopback(env: NodeJS.ProcessEnv = process.env): void {
  const dockerHost = env.DOCKER_HOST ?? '';
  if (env.TESTCONTAINERS_HOST_OVERRIDE === undefined && (dockerHost === '' || dockerHost.startsWith('unix:'))) {
    env.TESTCONTAINERS_HOST_OVERRIDE = '127.0.0.1';
  }
}

/** The testcontainers client for the local engine, or a StackError that says what was tried. */
export async function requireDockerEngine(): Promise<ContainerRuntimeClient> {
  reachContainersOnLoopback();
  try {
    return await getContainerRuntimeClient();
  } catch (cause) {
    const tried = process.env.DOCKER_HOST ? `DOCKER_HOST=${process.env.DOCKER_HOST}` : 'the socket /var/run/docker.sock (DOCKER_HOST is not set)';
    throw new StackError(
      `No Docker engine is reachable: kafka-sandbox tried ${tried} and found no running engine. ` +
        'kafka-sandbox starts real Kafka, Postgres and Elasticsearch containers, so it needs one.',
      {
        hint: 'Start Docker (Docker Desktop, `sudo systemctl start docker`, or `dockerd &`), or point DOCKER_HOST at a running engine, then check with `docker info`.',
        cause,
      },
    );
  }
}

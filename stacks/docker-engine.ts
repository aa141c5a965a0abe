import { getContainerRuntimeClient, type ContainerRuntimeClient } from 'testcontainers';
import { StackError } from '../runtime/core/errors.js';

/** The testcontainers client for the local engine, or a StackError that says what was tried. */
export async function requireDockerEngine(): Promise<ContainerRuntimeClient> {
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

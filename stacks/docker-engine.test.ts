import { describe, expect, it } from 'vitest';
import { reachContainersOnLoopback } from './docker-engine.js';

describe('reachContainersOnLoopback', () => {
  it('points testcontainers at 127.0.0.1 for a local engine', () => {
    const unset: NodeJS.ProcessEnv = {};
    reachContainersOnLoopback(unset);
    expect(unset.TESTCONTAINERS_HOST_OVERRIDE).toBe('127.0.0.1');

    const socket: NodeJS.ProcessEnv = { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' };
    reachContainersOnLoopback(socket);
    expect(socket.TESTCONTAINERS_HOST_OVERRIDE).toBe('127.0.0.1');
  });

  it('leaves a remote engine and an explicit override alone', () => {
    const remote: NodeJS.ProcessEnv = { DOCKER_HOST: 'tcp://10.0.0.5:2375' };
    reachContainersOnLoopback(remote);
    expect(remote.TESTCONTAINERS_HOST_OVERRIDE).toBeUndefined();

    const explicit: NodeJS.ProcessEnv = { TESTCONTAINERS_HOST_OVERRIDE: 'docker.internal' };
    reachContainersOnLoopback(explicit);
    expect(explicit.TESTCONTAINERS_HOST_OVERRIDE).toBe('docker.internal');
  });
});

import { requireDockerEngine } from './docker-engine.js';

/** Splits Docker's multiplexed log stream (8-byte frame headers) into text. */
function demultiplex(buffer: Buffer): string {
  let text = '';
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    text += buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return offset === 0 ? buffer.toString('utf8') : text;
}

/** The last `lines` lines a container printed (stdout and stderr), or [] if it is gone. */
export async function containerLogTail(containerName: string, lines = 30): Promise<string[]> {
  try {
    const docker = (await requireDockerEngine()).container.dockerode;
    const raw = (await docker.getContainer(containerName).logs({ stdout: true, stderr: true, tail: lines, follow: false })) as unknown as Buffer;
    return demultiplex(raw).split('\n').filter((line) => line.trim() !== '').slice(-lines);
  } catch {
    return [];
  }
}

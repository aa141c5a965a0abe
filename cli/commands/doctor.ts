import { freemem, totalmem } from 'node:os';
import { execa } from 'execa';
import { SandboxError } from '../../runtime/core/errors.js';
import { requireDockerEngine } from '../../stacks/docker-engine.js';
import { isPortFree } from '../../stacks/host-ports.js';
import { imageExists } from '../../stacks/image-kit/docker-cli.js';
import { serviceRoles, type ImageSetName } from '../../stacks/images.js';
import { chooseImageSetHere } from '../../stacks/choose-image-set.js';
import { resolveImageSet } from '../../stacks/image-set.js';

interface Check {
  name: string;
  ok: boolean;
  /** Problems that are worth a look but do not stop `up`. */
  warning?: boolean;
  detail: string;
  fix?: string;
}

const GiB = 1024 ** 3;
const tutorialPorts: Record<number, string> = { 9092: 'broker-1', 9093: 'broker-2', 9094: 'broker-3', 8081: 'schema-registry', 8083: 'connect', 5432: 'postgres', 9200: 'elasticsearch' };

async function engineCheck(): Promise<Check> {
  try {
    const client = await requireDockerEngine();
    return { name: 'docker engine', ok: true, detail: `${client.info.containerRuntime.host} (server ${client.info.containerRuntime.serverVersion})` };
  } catch (error) {
    return { name: 'docker engine', ok: false, detail: (error as Error).message, fix: (error as SandboxError).hint ?? '' };
  }
}

async function imagesCheck(set: ImageSetName): Promise<Check> {
  const images = resolveImageSet(set);
  const missing: string[] = [];
  for (const ref of new Set(serviceRoles.map((role) => images[role].ref))) if (!(await imageExists(ref))) missing.push(ref);
  return {
    name: `images (${set})`,
    ok: missing.length === 0,
    warning: set === 'official',
    detail: missing.length ? `missing: ${missing.join(', ')}` : 'all present',
    ...(missing.length
      ? { fix: set === 'offline' ? 'Run `kafka-sandbox images build`.' : '`up` pulls them; without a registry run `kafka-sandbox images build` and use `--images offline`.' }
      : {}),
  };
}

async function toolCheck(tool: string, why: string): Promise<Check> {
  const found = (await execa('sh', ['-c', `command -v ${tool}`], { reject: false })).exitCode === 0;
  return { name: tool, ok: found, warning: true, detail: found ? 'found' : `not found (${why})`, ...(found ? {} : { fix: `Install ${tool} (Debian/Ubuntu: apt-get install ${tool === 'mvn' ? 'maven' : tool}).` }) };
}

/** `kafka-sandbox doctor`: checks the engine, memory, images and ports, and says what to do for each problem. */
export async function doctor(options: { images?: ImageSetName; json?: boolean }): Promise<void> {
  const choice = await chooseImageSetHere(options.images);
  const set = choice.set;
  const checks: Check[] = [await engineCheck()];
  const free = freemem();
  checks.push({
    name: 'memory',
    ok: free >= 4 * GiB,
    warning: true,
    detail: `${(free / GiB).toFixed(1)} GiB free of ${(totalmem() / GiB).toFixed(1)} GiB (the full stack uses about 4 GiB)`,
    fix: 'Close other programs, or trim the stack with `--without elasticsearch,connect` or `--brokers 1`.',
  });
  if (checks[0]!.ok) checks.push(await imagesCheck(set));
  const taken = [];
  for (const port of Object.keys(tutorialPorts).map(Number)) if (!(await isPortFree(port))) taken.push(`${port} (${tutorialPorts[port]})`);
  checks.push({
    name: 'ports',
    ok: taken.length === 0,
    warning: true,
    detail: taken.length ? `in use: ${taken.join(', ')}` : 'tutorial ports are free',
    fix: '`up` falls back to free ports and says which; stop what holds them to get the usual ones.',
  });
  if (set === 'offline') checks.push(await toolCheck('mvn', 'needed by `images build`'), await toolCheck('debootstrap', 'needed by `images build`'));

  if (options.json) console.log(JSON.stringify({ ok: !checks.some((check) => !check.ok && !check.warning), imageSet: set, imageSetReason: choice.reason, checks }, null, 2));
  else {
    console.log(`images: ${set} (${choice.reason})`);
    for (const check of checks) {
      const mark = check.ok ? '✓' : check.warning ? '!' : '✗';
      console.log(`${mark} ${check.name.padEnd(18)} ${check.detail}`);
      if (!check.ok && check.fix) console.log(`  → ${check.fix}`);
    }
  }
  if (checks.some((check) => !check.ok && !check.warning)) process.exitCode = 1;
}

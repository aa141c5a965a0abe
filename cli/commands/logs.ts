import { attachFromFlags } from '../../app/attach-sandbox.js';
import { intFlag } from './topics.js';

/** `kafka-sandbox logs SERVICE`: the last lines of a service's log; --follow keeps printing until Ctrl-C. */
export async function logs(service: string, options: { name?: string; follow?: boolean; tail?: string; json?: boolean }): Promise<void> {
  const tail = intFlag(options.tail, '--tail');
  const print = (line: string) => process.stdout.write(`${options.json ? JSON.stringify({ service, line }) : line}\n`);
  const sandbox = await attachFromFlags({ name: options.name ?? 'default' });
  try {
    if (!options.follow) {
      for (const line of await sandbox.logs.tail(service, tail ?? 100)) print(line);
      return;
    }
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      for await (const line of sandbox.logs.follow(service, controller.signal, { tail: tail ?? 10 })) print(line);
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    }
  } finally {
    await sandbox.detach();
  }
}

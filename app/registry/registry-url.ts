import { StackError } from '../../runtime/core/errors.js';
import { confluentCompatPath } from '../../stacks/services/schema-registry.js';

/**
 * The base URL of the Confluent Schema Registry API behind `url`: the URL itself when
 * `GET <url>/subjects` answers (Confluent's registry, or Apicurio serving it at the root), else
 * `<url>/apis/ccompat/v7` when the root answers 404 (Apicurio today). A URL that already ends in
 * the compat path is used as it is.
 */
export async function confluentApiUrl(url: string): Promise<string> {
  const root = url.replace(/\/+$/, '');
  if (root.endsWith(confluentCompatPath)) return root;
  const status = async (base: string) => {
    try {
      return (await fetch(`${base}/subjects`, { headers: { accept: 'application/vnd.schemaregistry.v1+json, application/json' }, signal: AbortSignal.timeout(5000) })).status;
    } catch (cause) {
      throw new StackError(`no Schema Registry answers at ${root}: ${(cause as Error).message}`, {
        cause,
        hint: 'Is the sandbox running (`kafka-sandbox status`)? Otherwise check --schema-registry-url.',
      });
    }
  };
  if ((await status(root)) !== 404) return root;
  return `${root}${confluentCompatPath}`;
}

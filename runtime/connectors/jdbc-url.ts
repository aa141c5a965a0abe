import { ConfigError } from '../core/errors.js';

export interface PgConnection {
  host: string;
  port: number;
  database: string;
  user?: string;
  password?: string;
  ssl?: boolean;
}

/**
 * `jdbc:postgresql://host[:port]/database[?user=..&password=..&sslmode=..]` (also `postgres://`
 * URLs) into pg's options, with `host:port` rewritten by `mapAddress` (in-network names -> host).
 */
export function parseJdbcUrl(url: string, mapAddress: (hostPort: string) => string = (a) => a): PgConnection {
  const match = /^(?:jdbc:)?postgres(?:ql)?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/.exec(url.trim());
  if (!match) throw new ConfigError(`connection.url must look like jdbc:postgresql://host:5432/database, not ${url.replace(/password=[^&]*/i, 'password=[hidden]')}`);
  const [, urlUser, urlPassword, hosts = '', database = '', query = ''] = match;
  const first = hosts.split(',')[0] || 'localhost';
  const mapped = mapAddress(first.includes(':') ? first : `${first}:5432`);
  const colon = mapped.lastIndexOf(':');
  const params = new URLSearchParams(query);
  const result: PgConnection = { host: mapped.slice(0, colon), port: Number(mapped.slice(colon + 1)), database: decodeURIComponent(database || 'postgres') };
  const user = params.get('user') ?? (urlUser ? decodeURIComponent(urlUser) : undefined);
  const password = params.get('password') ?? (urlPassword ? decodeURIComponent(urlPassword) : undefined);
  if (user) result.user = user;
  if (password) result.password = password;
  const sslmode = params.get('sslmode');
  if (sslmode && sslmode !== 'disable' && sslmode !== 'allow' && sslmode !== 'prefer') result.ssl = true;
  return result;
}

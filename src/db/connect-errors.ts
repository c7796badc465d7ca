// Why Postgres could not be opened, in one line that names the server but never the password.
import { StudybotError } from '../errors.js';

export const URL_VARIABLE = 'DATABASE_URL';

interface PgLikeError {
  code?: string;
  message?: string;
  errors?: unknown[];
}

/** `host:port` of a postgres:// URL (5432 when unset), without user or password. */
export function serverOf(url: string): { where: string; database: string; user: string } {
  try {
    const u = new URL(url);
    const host = u.hostname || 'localhost';
    return {
      where: `${host}:${u.port || '5432'}`,
      database: decodeURIComponent(u.pathname.replace(/^\//, '')) || decodeURIComponent(u.username) || 'postgres',
      user: decodeURIComponent(u.username) || 'postgres',
    };
  } catch {
    return { where: 'the server', database: 'the database', user: 'the user' };
  }
}

function codeOf(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; cur = (cur as { cause?: unknown }).cause, depth++) {
    const err = cur as PgLikeError;
    if (typeof err.code === 'string') return err.code;
    const inner = err.errors?.find((x) => typeof (x as PgLikeError).code === 'string') as PgLikeError | undefined;
    if (inner?.code) return inner.code;
  }
  return undefined;
}

/** StudybotError('db:unavailable', subject DATABASE_URL) with the reason in words. */
export function describePostgresFailure(url: string, cause: unknown): StudybotError {
  const { where, database, user } = serverOf(url);
  const code = codeOf(cause);
  const message = ((cause as PgLikeError | undefined)?.message ?? '').replace(/\s+/g, ' ').trim();
  let text: string;
  switch (code) {
    case 'ECONNREFUSED':
      text = `cannot connect to ${where} (connection refused): is Postgres running there?`;
      break;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      text = `cannot connect to ${where} (unknown host)`;
      break;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      text = `cannot connect to ${where} (${code === 'ETIMEDOUT' ? 'timed out' : 'host unreachable'})`;
      break;
    case 'ECONNRESET':
      text = `cannot connect to ${where} (the connection was reset: is it a Postgres port, does it want TLS?)`;
      break;
    case '3D000':
      text = `database "${database}" does not exist on ${where} (create it: createdb -h ${where.split(':')[0]} -p ${where.split(':')[1]} -U ${user} ${database})`;
      break;
    case '28P01':
    case '28000':
      text = `${where} refused the login of user "${user}" (${message || 'authentication failed'})`;
      break;
    case '42501':
      text = `user "${user}" may not do this on ${where}: ${message}`;
      break;
    default:
      text = `cannot open Postgres at ${where}: ${message || code || String(cause)}`;
  }
  return new StudybotError('db:unavailable', text, { cause, subject: URL_VARIABLE });
}

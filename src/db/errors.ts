// Database failures that mean "try again later" become StudybotError('db:unavailable'), so the
// core can tell the user clearly instead of failing generically.
import { StudybotError, isStudybotError } from '../errors.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN']);
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '53400']); // shutdown, cannot connect now, too many connections
const MESSAGES = /connection terminated|connection error|timeout exceeded when trying to connect|cannot use a pool after calling end|client was closed|not queryable|pglite is closed/i;

/** True when the error (or one of its causes) says the database could not be reached or went away. */
export function isUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (isStudybotError(e) && e.code === 'db:unavailable') return true; // e.g. PGlite stopped after a failed write
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08'))) return true;
    if (e instanceof Error && MESSAGES.test(e.message)) return true;
  }
  return false;
}

/** Wraps every method of a port so unreachable-database errors surface as db:unavailable. */
export function withUnavailableErrors<T extends object>(port: T): T {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, value] of Object.entries(port)) {
    wrapped[name] =
      typeof value === 'function'
        ? async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => Promise<unknown>)(...args);
            } catch (err) {
              if (isUnavailable(err)) throw new StudybotError('db:unavailable', `database unavailable (${name})`, { cause: err });
              throw err;
            }
          }
        : value;
  }
  return wrapped as T;
}

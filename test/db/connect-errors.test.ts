// describePostgresFailure(): the reason in words, the server named, the password never.
import { describe, expect, it } from 'vitest';
import { describePostgresFailure } from '../../src/db/connect-errors.js';

const URL = 'postgres://bot:hunter2-secret@db.internal:6543/studybot';
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('describePostgresFailure', () => {
  it.each([
    [Object.assign(new AggregateError([pgError('ECONNREFUSED', 'connect ECONNREFUSED ::1:6543')], ''), { code: 'ECONNREFUSED' }), 'cannot connect to db.internal:6543 (connection refused): is Postgres running there?'],
    [pgError('ENOTFOUND', 'getaddrinfo ENOTFOUND db.internal'), 'cannot connect to db.internal:6543 (unknown host)'],
    [pgError('3D000', 'database "studybot" does not exist'), 'database "studybot" does not exist on db.internal:6543 (create it: createdb -h db.internal -p 6543 -U bot studybot)'],
    [pgError('28P01', 'password authentication failed for user "bot"'), 'db.internal:6543 refused the login of user "bot" (password authentication failed for user "bot")'],
    [new Error('Connection terminated unexpectedly'), 'cannot open Postgres at db.internal:6543: Connection terminated unexpectedly'],
  ])('%s', (cause, line) => {
    const err = describePostgresFailure(URL, cause);
    expect(err.subject).toBe('DATABASE_URL');
    expect(err.message).toBe(line);
    expect(err.message).not.toContain('hunter2');
  });
});

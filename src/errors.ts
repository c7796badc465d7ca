// Errors with a code and a cause, caught at the edge and turned into one clear message
// for the user and one log line for the operator.

export type ErrorCode =
  | 'config:invalid'
  | 'content:parse'
  | 'content:load'
  | 'db:unavailable'
  | 'db:locked'
  | 'db:data-dir'
  | 'db:not-migrated'
  | 'quiz:invalid-input'
  | 'quiz:not-found'
  | 'quiz:forbidden'
  | 'platform:rate-limited'
  | 'platform:failed'
  /** The platform works but will not deliver to this one user (Discord 50007, Slack: no ephemeral and no DM). */
  | 'platform:unreachable-user'
  | 'internal';

export class StudybotError extends Error {
  override readonly name = 'StudybotError';
  /** What the operator should fix, named as they set it (`DATABASE_URL`, `STUDYBOT_DATA_DIR`), for start-up lines. */
  readonly subject?: string;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; subject?: string },
  ) {
    super(message, options);
    if (options?.subject) this.subject = options.subject;
  }
}

export const isStudybotError = (e: unknown): e is StudybotError => e instanceof StudybotError;

// Errors with a code and a cause, caught at the edge and turned into one clear message
// for the user and one log line for the operator.

export type ErrorCode =
  | 'config:invalid'
  | 'content:parse'
  | 'content:load'
  | 'db:unavailable'
  | 'quiz:invalid-input'
  | 'quiz:not-found'
  | 'quiz:forbidden'
  | 'platform:rate-limited'
  | 'platform:failed'
  | 'internal';

export class StudybotError extends Error {
  override readonly name = 'StudybotError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isStudybotError = (e: unknown): e is StudybotError => e instanceof StudybotError;

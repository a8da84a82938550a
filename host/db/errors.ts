// Why the database could not be opened, in a form the shells can show (not a stack trace).
export type DbFailure = 'corrupt' | 'too-new' | 'migration-failed';

export class DatabaseOpenError extends Error {
  constructor(
    readonly kind: DbFailure,
    message: string,
    readonly file: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

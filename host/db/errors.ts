// Why the database could not be opened, in a form the shells can show (not a stack trace).
// Each kind is its own Danish page: "beskadiget" is said only for real corruption.
export type DbFailure =
  | 'native-module' // the compiled SQLite module does not load: an installation problem
  | 'cannot-open' // the folder or file cannot be opened: permissions, read-only disk
  | 'disk-full' // no space left on the disk holding the file
  | 'corrupt' // SQLite says the file is damaged
  | 'too-new' // written by a newer Vagtkonsol
  | 'migration-failed'
  | 'needs-recovery'; // empty or missing database beside backups that hold data

export class DatabaseOpenError extends Error {
  constructor(
    readonly kind: DbFailure,
    message: string,
    readonly file: string,
    /** The system's or SQLite's error code, when there was one (EACCES, SQLITE_FULL, …). */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

const FULL = /^(ENOSPC|EDQUOT|SQLITE_FULL)$/;
const CANNOT =
  /^(EACCES|EPERM|EROFS|ENOTDIR|EISDIR|ENOENT|ELOOP|SQLITE_CANTOPEN|SQLITE_PERM|SQLITE_READONLY\w*|SQLITE_AUTH|SQLITE_IOERR\w*)$/;

/** True for the disk-full errors of Node (ENOSPC) and SQLite (SQLITE_FULL). */
export function isDiskFull(err: unknown): boolean {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  return FULL.test(code) || /database or disk is full|ENOSPC/i.test(String(err));
}

/** True when loading the compiled module failed (wrong ABI, missing file, dlopen error). */
export function isNativeLoadError(err: unknown): boolean {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const text = String((err as Error | null)?.message ?? err);
  return (
    code === 'ERR_DLOPEN_FAILED' ||
    /NODE_MODULE_VERSION|Could not locate the bindings file|better_sqlite3\.node|invalid ELF header|wrong ELF class|dlopen/i.test(
      text,
    )
  );
}

/** Sorts any failure of opening `file` into one of the kinds above (corrupt only when it is). */
export function classifyOpenError(err: unknown, file: string): DatabaseOpenError {
  if (err instanceof DatabaseOpenError) return err;
  const code = String((err as { code?: unknown } | null)?.code ?? '') || undefined;
  const text = err instanceof Error ? err.message : String(err);
  if (isNativeLoadError(err))
    return new DatabaseOpenError(
      'native-module',
      `The SQLite module does not load: ${text}`,
      file,
      code,
    );
  if (isDiskFull(err))
    return new DatabaseOpenError(
      'disk-full',
      `The disk holding ${file} is full: ${text}`,
      file,
      code ?? 'ENOSPC',
    );
  if (code && /NOTADB|CORRUPT/.test(code))
    return new DatabaseOpenError('corrupt', `The database file is damaged: ${text}`, file, code);
  if (code && CANNOT.test(code))
    return new DatabaseOpenError('cannot-open', `${file} cannot be opened: ${text}`, file, code);
  return new DatabaseOpenError('cannot-open', `${file} cannot be opened: ${text}`, file, code);
}

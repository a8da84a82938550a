// The workstation's log file: <data>/logs/vagtkonsol.log, 0600, rotated at 1 MB (three old
// files kept). Error pages point to it. Lines are redacted before they are written: no CPR
// number (ddmmyy-xxxx, with or without the dash), no token, no cookie, no long secret.
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, FILE_MODE, makePrivate } from './private-files';

export const LOG_DIR = 'logs';
export const LOG_FILE = 'vagtkonsol.log';
export const LOG_MAX_BYTES = 1024 * 1024;
export const LOG_KEPT = 3;

export function logFilePath(dataDir: string): string {
  return path.join(dataDir, LOG_DIR, LOG_FILE);
}

/** Removes what must never reach a log: CPR numbers, bearer tokens, cookies, long secrets. */
export function redact(text: string): string {
  return text
    .replace(/\b\d{6}-?\d{4}\b/g, '[cpr]')
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, '$1[token]')
    .replace(
      /((?:token|code|key|secret|cookie|password|pin)["']?\s*[:=]\s*["']?)[^\s"'&;,]+/gi,
      '$1[redacted]',
    )
    .replace(/\b[A-Za-z0-9_-]{32,}\b/g, '[secret]');
}

export interface Logger {
  readonly file: string;
  info(message: string): void;
  error(message: string, err?: unknown): void;
}

function rotate(file: string, maxBytes: number, kept: number): void {
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    return;
  }
  if (size < maxBytes) return;
  for (let i = kept - 1; i >= 1; i--) {
    if (fs.existsSync(`${file}.${i}`)) fs.renameSync(`${file}.${i}`, `${file}.${i + 1}`);
  }
  fs.renameSync(file, `${file}.1`);
  if (fs.existsSync(`${file}.${kept + 1}`)) fs.rmSync(`${file}.${kept + 1}`);
}

/** A logger writing to the data folder's log; never throws (a full disk must not stop care). */
export function createLogger(
  dataDir: string,
  opts: { maxBytes?: number; kept?: number; now?: () => number } = {},
): Logger {
  const file = logFilePath(dataDir);
  const maxBytes = opts.maxBytes ?? LOG_MAX_BYTES;
  const kept = opts.kept ?? LOG_KEPT;
  const now = opts.now ?? Date.now;
  const write = (level: string, message: string) => {
    try {
      ensurePrivateDir(path.dirname(file));
      rotate(file, maxBytes, kept);
      const line = `${new Date(now()).toISOString()} ${level} ${redact(message).replace(/\n/g, ' | ')}\n`;
      fs.appendFileSync(file, line, { mode: FILE_MODE });
      makePrivate(file);
    } catch {
      // The log is a help, not a duty: never fail a call because it could not be written.
    }
  };
  return {
    file,
    info: (m) => write('INFO', m),
    error: (m, err) =>
      write(
        'ERROR',
        err === undefined
          ? m
          : `${m}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
      ),
  };
}

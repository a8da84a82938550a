// A file written whole or not at all, readable by its owner alone: claims hold CPR numbers and go
// to the claims office as files, from the workstation's `claim` command and the server's
// `claim`/`reprint-claim` alike.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Writes `bytes` to `out`: a temporary owner-only (0600) file in the target folder, fsync, rename,
 * fsync of the folder. On failure the temporary file is removed and the error rethrown; `out` is
 * either the old file or the whole new one.
 */
export function writeFileSafely(out: string, bytes: Uint8Array): void {
  const dir = path.dirname(out);
  const tmp = path.join(dir, `.${path.basename(out)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, out);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw err;
  }
  try {
    const dfd = openSync(dir, 'r');
    fsyncSync(dfd);
    closeSync(dfd);
  } catch {
    // Not every file system lets a folder be synced; the file itself is.
  }
}

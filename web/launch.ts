// The launch page: a small HTML file in the data folder (0600 in a 0700 folder, so only this
// user can read it) holding a one-time code that it posts to the host's /session at once. The
// browser is started on the file's path, so the command line carries no secret; the code is
// spent on first use and expires after LAUNCH_CODE_TTL_MS.
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LockOwner } from '../host/data-lock';
import { writePrivateFile } from '../host/private-files';

export const LAUNCH_DIR = 'launch';
export const LAUNCH_FILE = 'open-vagtkonsol.html';
export const LAUNCH_CODE_TTL_MS = 5 * 60_000;

export function launchFilePath(dataDir: string): string {
  return path.join(dataDir, LAUNCH_DIR, LAUNCH_FILE);
}

export function launchFileUrl(file: string): string {
  return pathToFileURL(file).href;
}

/** Writes the launch page for `port` with `code`; returns its path. */
export function writeLaunchPage(dataDir: string, port: number, code: string): string {
  const file = launchFilePath(dataDir);
  const action = `http://127.0.0.1:${port}/session`;
  writePrivateFile(
    file,
    `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Vagtkonsol</title></head>
<body><form method="post" action="${action}"><input type="hidden" name="code" value="${code}">
<p>Vagtkonsol åbnes … <button type="submit">Åbn Vagtkonsol</button></p></form>
<script>document.forms[0].submit();</script></body></html>
`,
  );
  return file;
}

/**
 * A second start while browser mode runs on this data folder: asks the running host (over
 * loopback, key in the request, not on a command line) for a fresh launch page.
 */
export function requestLaunchPage(owner: LockOwner, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (!owner.port || !owner.launchKey) {
      reject(new Error('The running Vagtkonsol is not in browser mode'));
      return;
    }
    const req = http.request(
      {
        host: '127.0.0.1',
        port: owner.port,
        method: 'POST',
        path: '/launch-code',
        headers: {
          Host: `127.0.0.1:${owner.port}`,
          Authorization: `Bearer ${owner.launchKey}`,
        },
        timeout: timeoutMs,
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString('utf8')));
        res.on('end', () => {
          try {
            const r = JSON.parse(body) as { ok?: boolean; launchFile?: string };
            if (res.statusCode === 200 && r.ok && r.launchFile) resolve(r.launchFile);
            else reject(new Error(`The running Vagtkonsol answered ${res.statusCode}`));
          } catch {
            reject(new Error('The running Vagtkonsol gave no launch page'));
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('The running Vagtkonsol does not answer')));
    req.on('error', reject);
    req.end();
  });
}

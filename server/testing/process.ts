// The real server as a child process (`npm run server -- …`), for the multi-process faults.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_ARGS = ['--import', 'tsx', 'server/main.ts'];

export interface ServerChild {
  url: string;
  child: ChildProcess;
  /** What the process wrote to stderr (its request log and any crash). */
  stderr(): string;
  kill9(): Promise<void>;
}

export function spawnServer(args: string[]): Promise<ServerChild> {
  const child = spawn(process.execPath, [...SERVER_ARGS, ...args, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (!m) return;
      child.removeAllListeners('exit');
      resolve({
        url: m[1]!,
        child,
        stderr: () => err,
        kill9: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      });
    });
  });
}

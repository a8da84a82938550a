// Runs the real sync server as a child process (npm run server) for the client's fault tests.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ARGS = ['--import', 'tsx', 'server/main.ts'];

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function serverCli(args: string[]): string {
  return execFileSync(process.execPath, [...ARGS, ...args], { cwd: ROOT, encoding: 'utf8' });
}

export function addDevice(
  dataDir: string,
  name: string,
  role: 'workstation' | 'supervisor' = 'workstation',
): { deviceId: string; token: string; role: string } {
  return JSON.parse(serverCli(['add-device', '--data', dataDir, '--name', name, '--role', role]));
}

export function startServerProcess(dataDir: string, port = 0): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    [...ARGS, '--data', dataDir, '--port', String(port), '--log', `${dataDir}/requests.log`],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${err}`)));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/[^\s]+):(\d+)/.exec(out);
      if (m) {
        resolve({
          url: `${m[1]}:${m[2]}`,
          port: Number(m[2]),
          child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.removeAllListeners('exit');
              child.once('exit', () => done());
              child.kill('SIGKILL');
            }),
        });
      }
    });
  });
}

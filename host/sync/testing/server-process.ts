// Runs the real sync server as a child process (npm run server) for the client's fault tests.
import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

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

/** The server's command line on one data folder (`npm run server -- CMD --data DIR …`). */
export interface ServerCommands {
  /** Runs a command and returns its stdout; blocks this process meanwhile. */
  text(cmd: string, ...args: string[]): string;
  /** The same, its stdout read as JSON. */
  json(cmd: string, ...args: string[]): Record<string, unknown>;
  /**
   * Runs a command beside a live workstation host: its event loop keeps running meanwhile (a
   * blocked loop cannot see the server close an idle keep-alive socket, and the host's next
   * request would then fail on it). Returns stdout.
   */
  live(cmd: string, ...args: string[]): Promise<string>;
  /** `live`, its stdout read as JSON. */
  liveJson(cmd: string, ...args: string[]): Promise<Record<string, unknown>>;
}

export function serverCommands(dataDir: string): ServerCommands {
  const argv = (cmd: string, args: string[]) => [cmd, '--data', dataDir, ...args];
  const text = (cmd: string, ...args: string[]) => serverCli(argv(cmd, args));
  const live = async (cmd: string, ...args: string[]) =>
    (
      await promisify(execFile)(process.execPath, [...ARGS, ...argv(cmd, args)], {
        cwd: ROOT,
        encoding: 'utf8',
      })
    ).stdout;
  return {
    text,
    json: (cmd, ...args) => JSON.parse(text(cmd, ...args)) as Record<string, unknown>,
    live,
    liveJson: async (cmd, ...args) =>
      JSON.parse(await live(cmd, ...args)) as Record<string, unknown>,
  };
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

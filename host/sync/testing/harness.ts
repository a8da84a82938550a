// Shared set-up for the client's fault tests: temp dirs, a fast clock, and waiting helpers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SetTimer } from '../client';

const made: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `vagt-${prefix}-`));
  made.push(dir);
  return dir;
}

/** Removes every temp dir made by tempDir() in this process (call in afterAll). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs timers 1000× faster while recording the delays the client asked for, so the real
 * 1 s → 5 min schedule is exercised and checked without waiting for it.
 */
export function fastTimers(scale = 1000): { setTimer: SetTimer; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    setTimer: (fn, ms) => {
      delays.push(ms);
      const t = setTimeout(fn, Math.max(1, ms / scale));
      return () => clearTimeout(t);
    },
  };
}

export async function waitFor(cond: () => boolean, timeoutMs = 60_000, what = 'condition') {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// The host's clock: record times come from here, never from the renderer (R-TIME-1).
// A test clock exists so end-to-end tests can pin band decisions; it is read only from
// VAGT_TEST_CLOCK and never in a packaged app, so a real installation cannot be time-shifted.

import fs from 'node:fs';

export interface Clock {
  now(): number;
  readonly kind: 'real' | 'fixed' | 'offset' | 'manual';
}

export const realClock: Clock = { now: () => Date.now(), kind: 'real' };

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * Parses VAGT_TEST_CLOCK: an ISO UTC instant (frozen), `offset:±ms` from the real clock, or
 * `file:<path>`: a manual clock whose instant is the ISO text in that file, read on every call,
 * so an end-to-end test can move a running host's time by hand (no wall-clock window).
 */
export function parseTestClock(spec: string): Clock {
  const s = spec.trim();
  const file = /^file:(.+)$/.exec(s);
  if (file) {
    const at = (): number => {
      const text = fs.readFileSync(file[1]!, 'utf8').trim();
      const ms = ISO_MS.test(text) ? Date.parse(text) : NaN;
      if (!Number.isFinite(ms))
        throw new Error(`VAGT_TEST_CLOCK file holds no ISO instant: "${text}"`);
      return ms;
    };
    at(); // refuse a missing or bad file at start-up, not at the first record
    return { now: at, kind: 'manual' };
  }
  const off = /^offset:([+-]?\d+)$/.exec(s);
  if (off) {
    const delta = Number(off[1]);
    return { now: () => Date.now() + delta, kind: 'offset' };
  }
  if (ISO_MS.test(s)) {
    const at = Date.parse(s);
    if (Number.isFinite(at)) return { now: () => at, kind: 'fixed' };
  }
  throw new Error(
    `VAGT_TEST_CLOCK must be an ISO UTC instant, offset:±ms or file:<path>, got "${spec}"`,
  );
}

export function clockFromEnv(env: NodeJS.ProcessEnv, isPackaged: boolean): Clock {
  const spec = env.VAGT_TEST_CLOCK;
  if (!spec || isPackaged) return realClock;
  return parseTestClock(spec);
}

/** A clock tests move by hand. */
export function manualClock(
  startMs: number,
): Clock & { set(ms: number): void; advance(ms: number): void } {
  let t = startMs;
  return {
    kind: 'manual',
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import type { HostEvent } from '../shared/contract/events';
import { clockFromEnv, manualClock, parseTestClock, realClock } from './clock';
import { acquireDataLock, DataInUseError, LOCK_FILE, OWNER_FILE, readOwner } from './data-lock';
import { createHost } from './host';
import { startBandTicker } from './impl/clock';
import { hashPin, verifyPin } from './pin';
import { tempDir } from './testing';
import { uuidv7, uuidv7Time } from './uuidv7';
import { APP_VERSION } from './version';

describe('uuidv7', () => {
  it('is a version-7 RFC 9562 id carrying its millisecond and sorting by creation', () => {
    const ids = Array.from({ length: 5000 }, () => uuidv7(1_700_000_000_000));
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    expect(uuidv7Time(uuidv7(1_800_000_000_000))).toBe(1_800_000_000_000);
  });
});

describe('host clock', () => {
  it('uses VAGT_TEST_CLOCK (fixed, offset or file) only outside a packaged app', () => {
    expect(clockFromEnv({}, false)).toBe(realClock);
    const fixed = clockFromEnv({ VAGT_TEST_CLOCK: '2025-03-04T16:30:00.000Z' }, false);
    expect(fixed.now()).toBe(Date.parse('2025-03-04T16:30:00.000Z'));
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.parse('2025-03-04T12:00:00.000Z'));
      const off = clockFromEnv({ VAGT_TEST_CLOCK: 'offset:+3600000' }, false);
      expect(off.now()).toBe(Date.parse('2025-03-04T13:00:00.000Z'));
    } finally {
      vi.useRealTimers();
    }
    // file:<path>: a manual clock an end-to-end test moves by rewriting the file.
    const file = path.join(tempDir(), 'clock.txt');
    fs.writeFileSync(file, '2025-03-04T20:59:59.000Z');
    const manual = clockFromEnv({ VAGT_TEST_CLOCK: `file:${file}` }, false);
    expect(manual.now()).toBe(Date.parse('2025-03-04T20:59:59.000Z'));
    fs.writeFileSync(file, '2025-03-04T21:00:01.000Z\n');
    expect(manual.now()).toBe(Date.parse('2025-03-04T21:00:01.000Z'));
    expect(() => parseTestClock(`file:${file}.missing`)).toThrow();
    expect(clockFromEnv({ VAGT_TEST_CLOCK: `file:${file}` }, true)).toBe(realClock);
    expect(clockFromEnv({ VAGT_TEST_CLOCK: '2025-03-04T16:30:00.000Z' }, true)).toBe(realClock);
    expect(() => parseTestClock('tomorrow')).toThrow(/VAGT_TEST_CLOCK/);
  });

  it('emits a band event when the band changes (manual clock, fake timers)', () => {
    // Tuesday 4 March 2025, one second before 22:00 in Copenhagen: A → B.
    const clock = manualClock(Date.parse('2025-03-04T21:00:00.000Z') - 1000);
    const host = createHost({
      dataDir: tempDir(),
      mode: 'browser',
      clock,
      backups: false,
      ticker: false,
    });
    const got: HostEvent[] = [];
    host.events.subscribe((e) => {
      if (e.type === 'band') got.push(e);
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const stop = startBandTicker(host.ctx);
      clock.advance(999);
      vi.advanceTimersByTime(999);
      expect(got).toEqual([]);
      clock.advance(1);
      vi.advanceTimersByTime(1);
      expect(got).toHaveLength(1);
      expect(got[0]).toMatchObject({ type: 'band', band: { band: 'B', next: { band: 'C' } } });
      stop();
    } finally {
      vi.useRealTimers();
      host.close();
    }
  });
});

describe('PIN hashing', () => {
  it('verifies the right PIN only, with a fresh salt each time', () => {
    const a = hashPin('1234');
    expect(a).not.toBe(hashPin('1234'));
    expect(verifyPin('1234', a)).toBe(true);
    expect(verifyPin('1235', a)).toBe(false);
    expect(verifyPin('1234', 'plain')).toBe(false);
  });
});

describe('data folder lock', () => {
  /** Another process taking the lock the same way (SQLite exclusive lock) and keeping it. */
  function holder(dir: string) {
    const child = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(path.join(dir, LOCK_FILE))}, { timeout: 0 });
         db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (id INTEGER PRIMARY KEY, at TEXT NOT NULL); INSERT OR REPLACE INTO held VALUES (1, 0); COMMIT');
         process.stdout.write('held\\n'); setInterval(() => {}, 1000);`,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const ready = new Promise<void>((r) => child.stdout!.once('data', () => r()));
    return { child, ready };
  }

  it('refuses a second holder in this process and releases on release()', () => {
    const dir = tempDir();
    const lock = acquireDataLock(dir);
    expect(() => acquireDataLock(dir)).toThrow(DataInUseError);
    lock.release();
    acquireDataLock(dir).release();
  });

  it('a live process holds the folder; once it is killed (-9, no clean-up) the next start gets it', async () => {
    const dir = tempDir();
    const h = holder(dir);
    await h.ready;
    // The pid is not trusted, the OS lock is: even a note naming a dead pid does not help.
    fs.writeFileSync(path.join(dir, OWNER_FILE), JSON.stringify({ pid: 999999 }));
    expect(() => acquireDataLock(dir)).toThrow(DataInUseError);
    h.child.kill('SIGKILL');
    await new Promise((r) => h.child.once('exit', r));
    const lock = acquireDataLock(dir);
    expect(readOwner(dir)?.pid).toBe(process.pid);
    lock.release();
  });

  it("replaces an older version's pid lock file, and keeps lock and note 0600", () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid }));
    const lock = acquireDataLock(dir);
    expect(fs.statSync(path.join(dir, LOCK_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, OWNER_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    lock.release();
    expect(readOwner(dir)).toBeNull();
  });
});

describe('version', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(APP_VERSION).toBe(pkg.version);
  });
});

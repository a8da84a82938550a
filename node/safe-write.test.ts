import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileSafely } from './safe-write';

const dir = () => mkdtempSync(path.join(tmpdir(), 'vagt-safe-write-'));

describe('writeFileSafely', () => {
  it('writes the whole file, readable by its owner alone, and leaves no temporary file', () => {
    const d = dir();
    const out = path.join(d, 'krav.csv');
    const bytes = new Uint8Array(200_000).map((_, i) => i % 251);
    writeFileSafely(out, bytes);
    expect(readFileSync(out).equals(Buffer.from(bytes))).toBe(true);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(d)).toEqual(['krav.csv']);
  });

  it('replaces an existing file whole, as owner-only', () => {
    const d = dir();
    const out = path.join(d, 'krav.json');
    writeFileSync(out, 'old', { mode: 0o644 });
    writeFileSafely(out, Buffer.from('new content'));
    expect(readFileSync(out, 'utf8')).toBe('new content');
    expect(statSync(out).mode & 0o777).toBe(0o600);
  });

  it('on failure throws, keeps the old file and leaves no temporary file', () => {
    const d = dir();
    // The target is a folder that is not empty: the rename fails after the data was written.
    const out = path.join(d, 'krav.pdf');
    mkdirSync(out);
    writeFileSync(path.join(out, 'inside'), 'x');
    expect(() => writeFileSafely(out, Buffer.from('%PDF'))).toThrow();
    expect(readdirSync(d)).toEqual(['krav.pdf']);
    expect(readFileSync(path.join(out, 'inside'), 'utf8')).toBe('x');
  });
});

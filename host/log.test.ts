// The data folder's log: rotated, private (0600 in a 0700 folder), and free of CPR numbers and
// secrets whatever is passed to it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, redact } from './log';
import { tempDir } from './testing';

describe('log file', () => {
  it('redacts CPR numbers, bearer tokens, codes, cookies and long secrets', () => {
    const line = redact(
      'cpr 010190-1234 and 0101901234; Authorization: Bearer abcDEF_123-xyz; code=Zm9vYmFy; ' +
        'Cookie: vagt_session_41717=' +
        'a'.repeat(43) +
        ' token: "t0k3n" k ' +
        'Q'.repeat(40),
    );
    expect(line).not.toMatch(/010190-?1234|abcDEF_123|Zm9vYmFy|t0k3n|aaaaaaaa|QQQQQQQQ/);
    expect(line).toContain('[cpr]');
    expect(line).toContain('Bearer [token]');
  });

  it('writes private lines and rotates at the size limit, keeping the newest files', () => {
    const dir = tempDir();
    const log = createLogger(dir, { maxBytes: 200, kept: 2, now: () => 0 });
    for (let i = 0; i < 30; i++) log.error(`failure ${i} for 0101901234`, new Error('boom'));
    const files = fs.readdirSync(path.join(dir, 'logs')).sort();
    expect(files).toEqual(['vagtkonsol.log', 'vagtkonsol.log.1', 'vagtkonsol.log.2']);
    const text = fs.readFileSync(log.file, 'utf8');
    expect(text).toMatch(/ERROR failure 29 for \[cpr\]: Error: boom/);
    expect(text).not.toContain('0101901234');
    expect(fs.statSync(log.file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, 'logs')).mode & 0o777).toBe(0o700);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, testHost, type TestHost } from '../testing';
import { SETTINGS_FILE } from './settings';

let hosts: TestHost[] = [];
afterEach(() => {
  for (const h of hosts) h.close();
  hosts = [];
});
function start(dir: string): TestHost {
  const h = testHost(undefined, dir);
  hosts.push(h);
  return h;
}

describe('display settings per workstation (issue 16)', () => {
  it('defaults to Danish, day and normal text before anything is chosen', async () => {
    const h = start(tempDir());
    expect(await h.call('settings.get', {})).toEqual({
      lang: 'da',
      theme: 'day',
      textSize: 'normal',
    });
  });

  it('keeps language, night mode and text size across a host restart, without sign-in', async () => {
    const dir = tempDir();
    const a = start(dir);
    await a.call('settings.set', { theme: 'night' });
    expect(await a.call('settings.set', { lang: 'en', textSize: 'large' })).toEqual({
      lang: 'en',
      theme: 'night',
      textSize: 'large',
    });
    a.close();
    const b = start(dir);
    expect(await b.call('settings.get', {})).toEqual({
      lang: 'en',
      theme: 'night',
      textSize: 'large',
    });
    const mode = fs.statSync(path.join(dir, SETTINGS_FILE)).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it('refuses an unknown value or key and changes nothing', async () => {
    const h = start(tempDir());
    await h.call('settings.set', { theme: 'night' });
    expect((await h.fail('settings.set', { lang: 'de' })).code).toBe('INVALID_INPUT');
    expect((await h.fail('settings.set', { fontSize: 20 })).code).toBe('INVALID_INPUT');
    expect(await h.call('settings.get', {})).toMatchObject({ lang: 'da', theme: 'night' });
  });

  it('a damaged settings file gives the defaults for what is damaged, and the host still starts', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, SETTINGS_FILE), '{"theme":"night","lang":"xx"');
    expect(await start(dir).call('settings.get', {})).toEqual({
      lang: 'da',
      theme: 'day',
      textSize: 'normal',
    });
    hosts.pop()!.close();
    fs.writeFileSync(path.join(dir, SETTINGS_FILE), '{"theme":"night","lang":"xx"}');
    expect(await start(dir).call('settings.get', {})).toEqual({
      lang: 'da',
      theme: 'night',
      textSize: 'normal',
    });
  });
});

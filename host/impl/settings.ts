// The console's display settings (shared/contract/settings.ts), kept per workstation in the data
// folder as settings.json (0600, written whole and renamed into place). A missing or damaged
// file gives the defaults: a display preference must never stop the console from starting.
import { chmodSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/contract/settings';
import type { HostContext } from '../context';
import type { ImplPart } from './types';

export const SETTINGS_FILE = 'settings.json';

export function readSettings(dataDir: string): Settings {
  try {
    const raw: unknown = JSON.parse(readFileSync(join(dataDir, SETTINGS_FILE), 'utf8'));
    const parsed = settingsSchema.partial().safeParse(raw);
    // Keep what is valid; a field written by a newer version or damaged falls back alone.
    if (parsed.success) return { ...DEFAULT_SETTINGS, ...parsed.data };
    const fields = settingsSchema.shape;
    const out: Settings = { ...DEFAULT_SETTINGS };
    if (raw && typeof raw === 'object') {
      for (const k of Object.keys(fields) as (keyof Settings)[]) {
        const v = fields[k].safeParse((raw as Record<string, unknown>)[k]);
        if (v.success) (out as Record<string, string>)[k] = v.data;
      }
    }
    return out;
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

export function writeSettings(dataDir: string, settings: Settings): void {
  const file = join(dataDir, SETTINGS_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(settings) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

export function settingsMethods(ctx: HostContext): ImplPart<'settings.get' | 'settings.set'> {
  return {
    'settings.get': () => readSettings(ctx.dataDir),
    'settings.set': (patch) => {
      const next = { ...readSettings(ctx.dataDir), ...patch };
      writeSettings(ctx.dataDir, next);
      return next;
    },
  };
}

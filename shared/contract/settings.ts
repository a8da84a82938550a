// Contract entries for the console's display settings (issue 16): language, night mode and text
// size, kept by the host for this workstation (its data folder), not by the browser's origin,
// so they survive a restart of either shell. Readable and writable before sign-in: the
// language switch is in the header of the sign-in screen too.
import { z } from 'zod';

export const settingsSchema = z.object({
  lang: z.enum(['da', 'en']),
  theme: z.enum(['day', 'night']),
  textSize: z.enum(['normal', 'large', 'larger']),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { lang: 'da', theme: 'day', textSize: 'normal' };

export const settingsMethods = {
  'settings.get': { input: z.object({}).strict(), output: settingsSchema },
  /** Changes the given settings and returns all of them. */
  'settings.set': { input: settingsSchema.partial().strict(), output: settingsSchema },
} as const;

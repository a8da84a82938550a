// A packaged app is sealed: no development override reaches the host. Every VAGT_* variable
// (renderer folder, migrations folder, test clock, browser, …) is dropped from the
// environment before anything reads it, so a user's or an attacker's environment cannot point
// the installed app at other code, other SQL or another time.
export const DEV_OVERRIDE_PREFIX = 'VAGT_';

/** Removes the development overrides from `env` when packaged; returns the names removed. */
export function sealEnvironment(env: NodeJS.ProcessEnv, packaged: boolean): string[] {
  if (!packaged) return [];
  const removed = Object.keys(env).filter((k) => k.toUpperCase().startsWith(DEV_OVERRIDE_PREFIX));
  for (const k of removed) delete env[k];
  return removed;
}

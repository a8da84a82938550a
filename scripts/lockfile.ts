// The lockfile is what every user installs from (`npm ci`), so it must carry every platform's
// optional packages, not only those of the machine that last wrote it.

/** Optional dependencies the lock names but holds no entry for, as "owner -> name". */
interface LockEntry {
  optionalDependencies?: Record<string, string>;
}
type Packages = Record<string, LockEntry>;

export function missingOptionalPackages(lock: { packages?: Packages }): string[] {
  const pkgs = lock.packages ?? {};
  const missing: string[] = [];
  for (const [owner, meta] of Object.entries(pkgs)) {
    for (const name of Object.keys(meta.optionalDependencies ?? {})) {
      if (!resolves(pkgs, owner, name)) missing.push(`${owner || '(root)'} -> ${name}`);
    }
  }
  return missing;
}

// Node's lookup: the owner's own node_modules first, then each enclosing one up to the root.
function resolves(pkgs: Packages, owner: string, name: string): boolean {
  let base = owner;
  for (;;) {
    if (pkgs[`${base ? base + '/' : ''}node_modules/${name}`]) return true;
    if (!base) return false;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

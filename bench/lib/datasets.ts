import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dateline } from './dateline.js';

export interface Dataset {
  path: string;
  /** The generated long story's slug, or null. */
  longSlug: string | null;
  mib: number;
  reused: boolean;
}

/** Where generated datasets are kept between runs (they take minutes to make). */
export const CACHE_DIR = join(tmpdir(), 'dateline-bench-cache');

/** Runs `dateline seed-bench` on `path` with `args`; returns the long story's slug. */
export function seedInto(root: string, path: string, args: string[]): string | null {
  const out = dateline(root, path, ['seed-bench', '--db', path, ...args]);
  process.stderr.write(out);
  return /^long story: (\S+) \(/m.exec(out)?.[1] ?? null;
}

/**
 * A dataset made by `dateline seed-bench` with `args`, kept in CACHE_DIR under a key of the arguments,
 * the migrations and the generator's source, so a change to any of them makes a new one (older ones
 * of the same `name` are removed). It is written under a temporary name and renamed when complete.
 */
export function cachedDataset(root: string, name: string, args: string[]): Dataset {
  const hash = createHash('sha256').update(JSON.stringify(args));
  for (const file of readdirSync(join(root, 'migrations')).sort())
    hash.update(file).update(readFileSync(join(root, 'migrations', file)));
  for (const file of ['bench-seed.ts', 'bench-content.ts', 'bench-words.ts'])
    hash.update(readFileSync(join(root, 'src', 'db', file)));
  const key = `${name}-${hash.digest('hex').slice(0, 12)}`;
  const path = join(CACHE_DIR, `${key}.db`);
  const slugFile = `${path}.long-story`;
  mkdirSync(CACHE_DIR, { recursive: true });
  const reused = existsSync(path) && existsSync(slugFile);
  if (!reused) {
    for (const file of readdirSync(CACHE_DIR))
      if (file.startsWith(`${name}-`)) rmSync(join(CACHE_DIR, file), { force: true });
    const partial = join(CACHE_DIR, `${key}.partial.db`);
    const slug = seedInto(root, partial, args);
    renameSync(partial, path);
    rmSync(`${partial}-wal`, { force: true });
    rmSync(`${partial}-shm`, { force: true });
    writeFileSync(slugFile, slug ?? '');
  }
  const longSlug = readFileSync(slugFile, 'utf8') || null;
  return { path, longSlug, mib: statSync(path).size / 2 ** 20, reused };
}

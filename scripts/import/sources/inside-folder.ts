// Reading only inside the folder a person gave (saved pages, a WordPress uploads copy): a written "../",
// an encoded one, or a symlink pointing elsewhere on the machine never leads out of it.
import { realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';

/**
 * The real path of the regular file `relativePath` names under root; 'outside' when the path or a link on
 * it leaves root; null when there is no such file (a folder is none).
 */
export async function fileInside(root: string, relativePath: string): Promise<string | 'outside' | null> {
  const base = resolve(root);
  const path = resolve(base, relativePath);
  if (path !== base && !path.startsWith(base + sep)) return 'outside';
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(path), realpath(base)]);
  } catch {
    return null;
  }
  if (!real.startsWith(realRoot + sep)) return 'outside';
  return (await stat(real).catch(() => null))?.isFile() ? real : null;
}

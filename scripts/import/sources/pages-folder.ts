// A folder of saved pages: every *.html / *.htm under it (a browser's "Page_files" folders excepted),
// and the photos beside them, found by the path the page wrote or by the URL's path under the folder.
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileInside } from './inside-folder.ts';

const PAGE_FILE = /\.html?$/i;
// What browsers create next to a page saved "complete": its images, scripts and frames, not pages of the site.
const SAVED_RESOURCES = /_(?:files|archivos|fichiers|Dateien)$/i;

/** Paths (relative to root, with / separators, sorted) of the pages in the folder. */
export async function listPageFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SAVED_RESOURCES.test(entry.name)) await walk(path);
      else if (entry.isFile() && PAGE_FILE.test(entry.name)) found.push(relative(root, path).split(sep).join('/'));
    }
  };
  await walk(root);
  return found.sort();
}

/** The file at `relativePath` if it lies inside root, symlinks resolved first (inside-folder.ts). */
async function fileInRoot(root: string, relativePath: string): Promise<string | null> {
  const found = await fileInside(root, relativePath);
  return found === 'outside' ? null : found;
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** The images a folder's pages name, by absolute URL: photos saved beside a page or under the URL's path. */
export class FolderImages {
  readonly #root: string;
  /** Absolute URL -> file, for images a page wrote as a path relative to itself ("Page_files/a.jpg"). */
  readonly #besidePages = new Map<string, string>();

  constructor(root: string) {
    this.#root = resolve(root);
  }

  /** Remembers an image written relative to its page, when that file is there. */
  async noteWritten(pageFile: string, written: string, absolute: string): Promise<void> {
    if (/^(?:[a-z][a-z0-9+.-]*:|\/)/i.test(written) || this.#besidePages.has(absolute)) return;
    const path = await fileInRoot(this.#root, join(dirname(pageFile), decodedPath(written.replace(/[?#].*$/, ''))));
    if (path) this.#besidePages.set(absolute, path);
  }

  /** The image's bytes from the folder, or null when the folder lacks it. */
  async read(url: string): Promise<Uint8Array | null> {
    let path = this.#besidePages.get(url) ?? null;
    if (path === null) {
      let pathname: string;
      try {
        pathname = new URL(url).pathname;
      } catch {
        return null;
      }
      path = await fileInRoot(this.#root, `.${decodedPath(pathname)}`);
    }
    return path === null ? null : new Uint8Array(await readFile(path));
  }
}

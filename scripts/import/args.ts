// The command line of `npm run import`: source type and path, target (local server or --remote), options; a UsageError exits 2.
import { parseArgs } from 'node:util';
import { UsageError } from '../cli.ts';

export { UsageError };

export const USAGE = `Usage: npm run import -- wxr FILE [--media-dir DIR]
       npm run import -- pages DIR_OR_WARC [--profile NAME]
       npm run import -- archive FILE
   options for each: [--dry-run] [--site HOST] [--remote URL --token TOKEN] [--report FILE]

Imports articles and pages into the CMS through its bulk API: a WordPress export (WXR), a folder of
saved pages or a WARC file of a legacy portal, or this CMS's own export. Items it already has are
skipped, so a stopped import is finished by running it again. Progress goes to stderr; the last line
on stdout is the summary; the full report is written to a JSON file.

Target:
  (default)         the local CMS that \`npm start\` serves on http://127.0.0.1:$PORT (8787); an import
                    token is made for the run in its local database
  --remote URL      a deployed CMS (https://...), with --token
  --token TOKEN     an API token with the import scope (a site's token imports into its site; an
                    all-sites token needs --site)
  --site HOST       the site to import into, by one of its hostnames

Options:
  --dry-run         read, convert and check everything (images too) and report; write nothing
  --report FILE     where to write the report (default import-report-<time>.json)
  --media-dir DIR   wxr: a folder holding the uploads (wp-content/uploads) to read images from
  --profile NAME    pages: the layout profile of the legacy portal
  --persist-to DIR  local: the state directory of the local server (default .wrangler/state)
  -h, --help        show this help
`;

export type SourceType = 'wxr' | 'pages' | 'archive';

export interface ImportCommand {
  source: SourceType;
  path: string;
  dryRun: boolean;
  site: string | null;
  remote: string | null;
  token: string | null;
  report: string | null;
  mediaDir: string | null;
  profile: string | null;
  persistTo: string | undefined;
}

/** Parses argv (without node and the script); throws UsageError for anything a person must fix. */
export function parseImportArgs(argv: string[]): ImportCommand | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'dry-run': { type: 'boolean' },
        site: { type: 'string' },
        remote: { type: 'string' },
        token: { type: 'string' },
        report: { type: 'string' },
        'media-dir': { type: 'string' },
        profile: { type: 'string' },
        'persist-to': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return 'help';
  const [source, path, extra] = positionals;
  if (!source) throw new UsageError('Missing the source type: wxr, pages or archive.');
  if (source !== 'wxr' && source !== 'pages' && source !== 'archive') {
    throw new UsageError(`Unknown source type "${source}": use wxr, pages or archive.`);
  }
  if (!path) throw new UsageError(`Missing the ${source === 'pages' ? 'folder or WARC file' : 'file'} to import.`);
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
  if (values['media-dir'] !== undefined && source !== 'wxr') throw new UsageError('--media-dir is for wxr only.');
  if (values.profile !== undefined && source !== 'pages') throw new UsageError('--profile is for pages only.');
  const remote = values.remote?.trim() || null;
  if (values.remote !== undefined && !remote) throw new UsageError('--remote needs a URL, e.g. --remote https://cms.example.vn');
  if (remote) {
    let url: URL;
    try {
      url = new URL(remote);
    } catch {
      throw new UsageError(`--remote "${remote}" is not a URL, e.g. https://cms.example.vn`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError('--remote must be an http(s) URL.');
    if (!values.token) throw new UsageError('--remote needs --token TOKEN (an API token with the import scope).');
  }
  const site = values.site === undefined ? null : values.site.trim().toLowerCase();
  if (site === '') throw new UsageError('--site needs a hostname, e.g. --site xa-a.thainguyen.gov.vn');
  if (site !== null && !/^[a-z0-9.-]+(:\d+)?$/.test(site)) throw new UsageError(`--site "${site}" is not a hostname.`);
  return {
    source,
    path,
    dryRun: values['dry-run'] ?? false,
    site,
    remote: remote ? remote.replace(/\/+$/, '') : null,
    token: values.token ?? null,
    report: values.report ?? null,
    mediaDir: values['media-dir'] ?? null,
    profile: values.profile ?? null,
    persistTo: values['persist-to'],
  };
}

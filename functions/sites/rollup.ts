// The pages of a province that show its communes' news ("Tin từ cơ sở"): the home page's section, the
// roll-up page and its feeds. Their edge-cache keys carry the province's roll-up sequence too
// (content_changes.rollup_seq, moved by every write of a child site), so a commune's write refreshes
// exactly these pages of its province and leaves the province's other cached pages alone.
export const ROLLUP_PATH = '/tin-tu-co-so';

export const ROLLUP_PATHS: ReadonlySet<string> = new Set(['/', ROLLUP_PATH, `${ROLLUP_PATH}/feed.json`, `${ROLLUP_PATH}/rss.xml`]);

/** Whether a cached answer at this path shows child sites' content (only provinces have children). */
export const showsChildren = (pathname: string): boolean => ROLLUP_PATHS.has(pathname);

// The import's progress line (scripts/import/progress.ts) with controlled time: counts, items/s and ETA; not a terminal, a line
// every 5 s or each 10% and one closing line; a terminal, one line redrawn in place.
import { expect, it } from 'vitest';
import { Progress, progressLine } from '../../scripts/import/progress.ts';

function recorder(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, out: { isTTY, columns: 200, write: (t: string) => writes.push(t) } };
}

it('gives done/total, the outcomes, the rate and an estimate', () => {
  expect(progressLine({ done: 250, created: 200, unchanged: 40, failed: 10 }, 1000, 10_000, false))
    .toBe('[######------------------] 250/1000 created 200, unchanged 40, failed 10, 25.0 items/s ETA 30s');
  expect(progressLine({ done: 5, created: 5, unchanged: 0, failed: 0 }, null, 1000, true)).toBe('5 would create 5, unchanged 0, failed 0, 5.0 items/s');
});

it('not a terminal: a line at each tenth or after 5 s, and the closing line once', () => {
  let now = 0;
  const { writes, out } = recorder(false);
  const p = new Progress(out, { now: () => now });
  p.start('test', 100);
  expect(writes).toEqual(['import: test, 100 items\n']);
  now = 1000;
  p.update({ done: 5, created: 5, unchanged: 0, failed: 0 }); // under 10%, under 5 s: nothing
  expect(writes).toHaveLength(1);
  p.update({ done: 12, created: 12, unchanged: 0, failed: 0 }); // crossed 10%
  expect(writes).toHaveLength(2);
  now = 4000;
  p.update({ done: 15, created: 15, unchanged: 0, failed: 0 });
  expect(writes).toHaveLength(2);
  now = 7000; // 6 s since the last line
  p.update({ done: 16, created: 16, unchanged: 0, failed: 0 });
  expect(writes).toHaveLength(3);
  now = 20_000;
  p.update({ done: 100, created: 90, unchanged: 5, failed: 5 });
  p.finish();
  expect(writes).toHaveLength(4);
  expect(writes[3]).toBe('[########################] 100/100 created 90, unchanged 5, failed 5, 5.0 items/s\n');
});

it('a terminal: one line redrawn in place, ended by the closing line', () => {
  let now = 0;
  const { writes, out } = recorder(true);
  const p = new Progress(out, { now: () => now });
  p.start('test', 10);
  now = 2000;
  p.update({ done: 1, created: 1, unchanged: 0, failed: 0 });
  p.update({ done: 2, created: 2, unchanged: 0, failed: 0 });
  p.finish();
  expect(writes.slice(1).every((w) => w.startsWith('\r') && w.includes('\x1b[K'))).toBe(true);
  expect(writes.at(-1)!.endsWith('\n')).toBe(true);
  expect(writes[2]).toContain('2/10 created 2');
});

it('ends at done/total with the total corrected to what was read; a run stopped early keeps the estimate', () => {
  const ended = (total: number, counts: { done: number; created: number; unchanged: number; failed: number }, readAll: boolean) => {
    let now = 0;
    const { writes, out } = recorder(false);
    const p = new Progress(out, { now: () => now });
    p.start('test', total);
    now = 1000;
    p.update({ ...counts, done: counts.done - 1, created: counts.created - 1 });
    now = 2000;
    p.finish(counts, { readAll });
    return writes.at(-1)!;
  };
  // Six list entries counted, one a problem (no item): 5 read and done.
  expect(ended(6, { done: 5, created: 5, unchanged: 0, failed: 0 }, true)).toMatch(/^\[#{24}\] 5\/5 created 5,/);
  // More read than counted.
  expect(ended(6, { done: 7, created: 7, unchanged: 0, failed: 0 }, true)).toMatch(/^\[#{24}\] 7\/7 created 7,/);
  // The last settled items (duplicates) reach the closing line though no batch update followed them.
  expect(ended(6, { done: 6, created: 5, unchanged: 0, failed: 0 }, true)).toMatch(/ 6\/6 created 5,/);
  // Stopped (the server went away): the line says how far of the estimate it got.
  expect(ended(6, { done: 3, created: 3, unchanged: 0, failed: 0 }, false)).toMatch(/ 3\/6 created 3,.* ETA /);
});

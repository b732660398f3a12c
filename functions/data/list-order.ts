// One place up or down in an ordered list: how pins, related articles, gallery photos and both levels of a
// menu or the categories move (every position is then written from the result, so old ties never make a move a no-op).

/** `order` with `item` moved one place up or down; null when it is already at that end or not in the list. */
export function steppedOrder<T>(order: readonly T[], item: T, direction: 'up' | 'down'): T[] | null {
  const at = order.indexOf(item);
  const to = direction === 'up' ? at - 1 : at + 1;
  if (at < 0 || to < 0 || to >= order.length) return null;
  const next = [...order];
  [next[at], next[to]] = [next[to]!, next[at]!];
  return next;
}

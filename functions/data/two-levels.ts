// Trees of two levels (the header menu, categories): their shape as ids, the moves the admin offers
// (up, down, indent under the item above, outdent after its parent) and the checks that keep two levels.
import { steppedOrder } from './list-order.ts';

/** Top-level items in order, each followed by its children in order (how the admin lists them). */
export function inMenuOrder<T extends { id: number; parentId: number | null }>(items: T[]): T[] {
  const top = items.filter((i) => i.parentId === null);
  return top.flatMap((parent) => [parent, ...items.filter((i) => i.parentId === parent.id)]);
}

/** The whole tree's shape: each top-level item with its children, in order. */
export type TwoLevelShape = { id: number; children: number[] }[];

export function shapeOf(items: { id: number; parentId: number | null }[]): TwoLevelShape {
  return items.filter((i) => i.parentId === null).map((p) => ({ id: p.id, children: items.filter((c) => c.parentId === p.id).map((c) => c.id) }));
}

export type ShapeMove = 'up' | 'down' | 'indent' | 'outdent';

/** Why a move cannot be made: it would need a third level, or there is nowhere to go. */
export type MoveRefusal = 'too-deep' | 'nowhere';

/** The shape after moving one item, or why not. Indent makes it the last child of the item above it. */
export function moved(shape: TwoLevelShape, id: number, move: ShapeMove): TwoLevelShape | MoveRefusal {
  const next = shape.map((t) => ({ id: t.id, children: [...t.children] }));
  const topIndex = next.findIndex((t) => t.id === id);
  const parent = next.find((t) => t.children.includes(id));
  if (topIndex >= 0) {
    const top = next[topIndex]!;
    if (move === 'up' || move === 'down') return steppedOrder(next, top, move) ?? 'nowhere';
    if (move === 'outdent') return 'nowhere';
    if (top.children.length > 0) return 'too-deep';
    const above = next[topIndex - 1];
    if (!above) return 'nowhere';
    above.children.push(id);
    next.splice(topIndex, 1);
    return next;
  }
  if (!parent) return 'nowhere';
  if (move === 'up' || move === 'down') {
    const children = steppedOrder(parent.children, id, move);
    if (!children) return 'nowhere';
    parent.children = children;
    return next;
  }
  if (move === 'indent') return 'too-deep';
  parent.children.splice(parent.children.indexOf(id), 1);
  next.splice(next.indexOf(parent) + 1, 0, { id, children: [] });
  return next;
}

/** Whether `shape` holds exactly the given ids once each, in at most two levels (a posted order is checked with this). */
export function isShapeOf(shape: TwoLevelShape, ids: number[]): boolean {
  const seen = shape.flatMap((t) => [t.id, ...t.children]);
  return seen.length === ids.length && new Set(seen).size === seen.length && seen.every((id) => ids.includes(id));
}

/** The shape with `id` moved under `parentId` (at the end of its children), or to the end of the top level (null). */
export function reparented(shape: TwoLevelShape, id: number, parentId: number | null): TwoLevelShape | MoveRefusal {
  const own = shape.find((t) => t.id === id);
  const current = own ? null : shape.find((t) => t.children.includes(id))?.id ?? null;
  // Already there: nothing moves (the form sends the parent with every save).
  if (current === parentId && (own || current !== null)) return shape;
  if (parentId !== null) {
    if (parentId === id || own?.children.length) return 'too-deep';
    if (!shape.some((t) => t.id === parentId)) return 'too-deep';
  }
  const next = shape.filter((t) => t.id !== id).map((t) => ({ id: t.id, children: t.children.filter((c) => c !== id) }));
  if (parentId === null) next.push({ id, children: own?.children ?? [] });
  else next.find((t) => t.id === parentId)!.children.push(id);
  return next;
}

/** Every node's parent and position (1, 2, … among its siblings) as the shape says, one statement each from `set`. */
export function shapeStatements<T>(shape: TwoLevelShape, set: (id: number, parentId: number | null, position: number) => T): T[] {
  return shape.flatMap((top, i) => [set(top.id, null, i + 1), ...top.children.map((child, j) => set(child, top.id, j + 1))]);
}

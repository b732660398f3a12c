// One-place moves shared by pins, related articles and two-level trees (menus, categories).
import { describe, expect, it } from 'vitest';
import { steppedOrder } from '../../functions/data/list-order.ts';
import { moved } from '../../functions/data/two-levels.ts';

describe('steppedOrder', () => {
  it('swaps with the neighbour and leaves the input alone', () => {
    const order = [1, 2, 3];
    expect(steppedOrder(order, 2, 'up')).toEqual([2, 1, 3]);
    expect(steppedOrder(order, 2, 'down')).toEqual([1, 3, 2]);
    expect(order).toEqual([1, 2, 3]);
  });

  it('is null at either end and for an item not in the list', () => {
    expect(steppedOrder([1, 2], 1, 'up')).toBeNull();
    expect(steppedOrder([1, 2], 2, 'down')).toBeNull();
    expect(steppedOrder([1, 2], 9, 'up')).toBeNull();
  });
});

describe('moved (two levels)', () => {
  const shape = [{ id: 1, children: [3, 4] }, { id: 2, children: [] }];

  it('moves top-level items and children among their siblings only', () => {
    expect(moved(shape, 2, 'up')).toEqual([{ id: 2, children: [] }, { id: 1, children: [3, 4] }]);
    expect(moved(shape, 4, 'up')).toEqual([{ id: 1, children: [4, 3] }, { id: 2, children: [] }]);
    expect(moved(shape, 1, 'up')).toBe('nowhere');
    expect(moved(shape, 4, 'down')).toBe('nowhere');
    expect(shape).toEqual([{ id: 1, children: [3, 4] }, { id: 2, children: [] }]);
  });
});

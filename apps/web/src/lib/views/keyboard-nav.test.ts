import { describe, expect, it } from 'vitest';
import { boardTarget, listTarget, navKeyOf, type NavKey } from './keyboard-nav';

const press = (key: string, modifiers: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {}) =>
  ({ key, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...modifiers });

describe('navKeyOf', () => {
  it('takes the arrows, Home and End without modifiers', () => {
    for (const key of ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End']) expect(navKeyOf(press(key))).toBe(key);
    expect(navKeyOf(press('Enter'))).toBeUndefined();
    expect(navKeyOf(press('PageDown'))).toBeUndefined();
    expect(navKeyOf(press('ArrowLeft', { altKey: true }))).toBeUndefined();
    expect(navKeyOf(press('End', { ctrlKey: true }))).toBeUndefined();
    expect(navKeyOf(press('ArrowDown', { shiftKey: true }))).toBeUndefined();
    expect(navKeyOf(press('ArrowDown', { metaKey: true }))).toBeUndefined();
  });
});

describe('listTarget', () => {
  it.each<[NavKey, number, number, boolean, number | undefined]>([
    // key, from, loaded, more to load, target
    ['ArrowDown', 0, 5, false, 1],
    ['ArrowRight', 2, 5, false, 3],
    ['ArrowUp', 3, 5, false, 2],
    ['ArrowLeft', 1, 5, false, 0],
    ['Home', 3, 5, false, 0],
    ['End', 1, 5, false, 4],
    ['End', 1, 5, true, 4],
    // At the edges: stay.
    ['ArrowUp', 0, 5, false, undefined],
    ['ArrowLeft', 0, 5, true, undefined],
    ['Home', 0, 5, false, undefined],
    ['End', 4, 5, false, undefined],
    ['ArrowDown', 4, 5, false, undefined],
    // The last loaded card while another page can load: the first card of that page.
    ['ArrowDown', 4, 5, true, 5],
    ['ArrowRight', 4, 5, true, 5],
    ['ArrowDown', 0, 0, true, undefined],
  ])('%s from %i of %i (more: %s) goes to %s', (key, from, loaded, more, target) => {
    expect(listTarget(key, from, loaded, more)).toBe(target);
  });
});

describe('boardTarget', () => {
  // Three lanes and an empty one between the second and the third; cards' top edges on screen.
  const lanes = [
    [100, 200, 300, 400],
    [100, 260],
    [],
    [100, 180, 330],
  ];

  it('moves up and down within a lane and stops at its ends', () => {
    expect(boardTarget('ArrowDown', lanes, { lane: 0, index: 1 })).toEqual({ lane: 0, index: 2 });
    expect(boardTarget('ArrowUp', lanes, { lane: 0, index: 1 })).toEqual({ lane: 0, index: 0 });
    expect(boardTarget('ArrowUp', lanes, { lane: 0, index: 0 })).toBeUndefined();
    expect(boardTarget('ArrowDown', lanes, { lane: 1, index: 1 })).toBeUndefined();
  });

  it('goes to the first and last card of the lane with Home and End', () => {
    expect(boardTarget('Home', lanes, { lane: 0, index: 2 })).toEqual({ lane: 0, index: 0 });
    expect(boardTarget('End', lanes, { lane: 0, index: 1 })).toEqual({ lane: 0, index: 3 });
    expect(boardTarget('End', lanes, { lane: 0, index: 3 })).toBeUndefined();
    expect(boardTarget('Home', lanes, { lane: 3, index: 0 })).toBeUndefined();
  });

  it('goes sideways to the card nearest in height', () => {
    expect(boardTarget('ArrowRight', lanes, { lane: 0, index: 2 })).toEqual({ lane: 1, index: 1 });
    expect(boardTarget('ArrowRight', lanes, { lane: 0, index: 0 })).toEqual({ lane: 1, index: 0 });
    // Below the neighbour's last card: its last card.
    expect(boardTarget('ArrowRight', lanes, { lane: 0, index: 3 })).toEqual({ lane: 1, index: 1 });
    expect(boardTarget('ArrowLeft', lanes, { lane: 1, index: 1 })).toEqual({ lane: 0, index: 2 });
  });

  it('skips empty lanes and stays at the board’s edges', () => {
    expect(boardTarget('ArrowRight', lanes, { lane: 1, index: 1 })).toEqual({ lane: 3, index: 2 });
    // 180 is as far from 100 as from 260: the card nearest in order.
    expect(boardTarget('ArrowLeft', lanes, { lane: 3, index: 1 })).toEqual({ lane: 1, index: 1 });
    expect(boardTarget('ArrowLeft', lanes, { lane: 0, index: 1 })).toBeUndefined();
    expect(boardTarget('ArrowRight', lanes, { lane: 3, index: 0 })).toBeUndefined();
    expect(boardTarget('ArrowRight', [[100], [], []], { lane: 0, index: 0 })).toBeUndefined();
  });

  it('on equal heights takes the card nearest in order', () => {
    const flat = [[0, 0, 0], [0, 0, 0, 0]];
    expect(boardTarget('ArrowRight', flat, { lane: 0, index: 2 })).toEqual({ lane: 1, index: 2 });
    expect(boardTarget('ArrowLeft', flat, { lane: 1, index: 3 })).toEqual({ lane: 0, index: 2 });
  });

  it('stays when the card is not on the board', () => {
    expect(boardTarget('ArrowDown', lanes, { lane: 2, index: 0 })).toBeUndefined();
    expect(boardTarget('ArrowDown', lanes, { lane: 7, index: 0 })).toBeUndefined();
  });
});

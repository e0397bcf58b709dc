/**
 * Arrow-key movement between the cards of a list (the cards view) and of a board (kanban): which card
 * gets focus next. Plain functions of indices and positions; the components read the DOM and focus.
 */

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

const NAV_KEYS: ReadonlySet<string> = new Set<NavKey>(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End']);

type KeyPress = { key: string; altKey: boolean; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean };

/** The movement a key press asks for; none with a modifier (Alt+← is the browser's "back"). */
export function navKeyOf(event: KeyPress): NavKey | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return undefined;
  return NAV_KEYS.has(event.key) ? (event.key as NavKey) : undefined;
}

/**
 * Cards one under another: the index to focus, or undefined to stay. ↓/→ next, ↑/← previous, Home/End
 * the first/last loaded card. ↓ on the last loaded card while more can load gives `loaded`: the card
 * the next page will bring.
 */
export function listTarget(key: NavKey, index: number, loaded: number, hasMore = false): number | undefined {
  if (loaded === 0) return undefined;
  let target: number;
  switch (key) {
    case 'ArrowDown':
    case 'ArrowRight':
      target = index + 1;
      if (target >= loaded) return hasMore && index === loaded - 1 ? loaded : undefined;
      break;
    case 'ArrowUp':
    case 'ArrowLeft':
      target = index - 1;
      break;
    case 'Home':
      target = 0;
      break;
    case 'End':
      target = loaded - 1;
      break;
  }
  return target >= 0 && target < loaded && target !== index ? target : undefined;
}

export type BoardPosition = { lane: number; index: number };

/**
 * A board of lanes side by side: the card to focus, or undefined to stay. `lanes` holds each lane's
 * cards by their vertical position on screen (top edges, top to bottom). ↑/↓ and Home/End move within
 * the lane; ←/→ go to the nearest lane on that side that has cards, to the card nearest in height (on a
 * tie, the one nearest in order).
 */
export function boardTarget(key: NavKey, lanes: readonly (readonly number[])[], from: BoardPosition): BoardPosition | undefined {
  const cards = lanes[from.lane];
  if (!cards || from.index < 0 || from.index >= cards.length) return undefined;
  const within = (index: number) => (index >= 0 && index < cards.length && index !== from.index ? { lane: from.lane, index } : undefined);
  switch (key) {
    case 'ArrowUp':
      return within(from.index - 1);
    case 'ArrowDown':
      return within(from.index + 1);
    case 'Home':
      return within(0);
    case 'End':
      return within(cards.length - 1);
    case 'ArrowLeft':
    case 'ArrowRight': {
      const step = key === 'ArrowLeft' ? -1 : 1;
      let lane = from.lane + step;
      while (lane >= 0 && lane < lanes.length && lanes[lane].length === 0) lane += step;
      if (lane < 0 || lane >= lanes.length) return undefined;
      return { lane, index: nearestCard(lanes[lane], cards[from.index], from.index) };
    }
  }
}

function nearestCard(positions: readonly number[], position: number, order: number): number {
  let best = 0;
  for (let index = 1; index < positions.length; index += 1) {
    const distance = Math.abs(positions[index] - position);
    const bestDistance = Math.abs(positions[best] - position);
    if (distance < bestDistance || (distance === bestDistance && Math.abs(index - order) < Math.abs(best - order))) best = index;
  }
  return best;
}

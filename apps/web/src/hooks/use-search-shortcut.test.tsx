import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { Input } from 'antd';
import { useSearchShortcut } from './use-search-shortcut';

function Page() {
  const search = useSearchShortcut();
  return (
    <div>
      <Input type="search" aria-label="search" ref={search} defaultValue="acme" />
      <button type="button">card</button>
      <textarea aria-label="notes" />
      <div contentEditable suppressContentEditableWarning data-testid="editor">text</div>
      <div role="dialog"><button type="button">in dialog</button></div>
    </div>
  );
}

const slash = (target: Element, init: KeyboardEventInit = {}) => fireEvent.keyDown(target, { key: '/', ...init });

describe('useSearchShortcut', () => {
  it('focuses the search box on "/" from the page, and Escape leaves it with its text', () => {
    render(<Page />);
    const box = screen.getByLabelText('search') as HTMLInputElement;
    const card = screen.getByText('card');
    card.focus();
    // The "/" is not typed: its default action is cancelled.
    expect(slash(card)).toBe(false);
    expect(document.activeElement).toBe(box);
    expect(fireEvent.keyDown(box, { key: 'Escape' })).toBe(false);
    expect(document.activeElement).not.toBe(box);
    expect(box.value).toBe('acme');
    slash(document.body);
    expect(document.activeElement).toBe(box);
  });

  it('leaves "/" alone in fields, in dialogs and with Ctrl, Alt or ⌘', () => {
    render(<Page />);
    const box = screen.getByLabelText('search');
    for (const target of [screen.getByLabelText('notes'), screen.getByTestId('editor'), screen.getByText('in dialog')]) {
      (target as HTMLElement).focus();
      expect(slash(target)).toBe(true);
      expect(document.activeElement).not.toBe(box);
    }
    const card = screen.getByText('card');
    for (const modifier of ['ctrlKey', 'altKey', 'metaKey']) {
      card.focus();
      expect(slash(card, { [modifier]: true })).toBe(true);
      expect(document.activeElement).toBe(card);
    }
    // "/" typed in the box itself stays text.
    box.focus();
    expect(slash(box)).toBe(true);
  });
});

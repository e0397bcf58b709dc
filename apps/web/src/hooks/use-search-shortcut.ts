import { useEffect, useRef } from 'react';
import type { InputRef } from 'antd';

/** Where a typed "/" is text, or belongs to a dialog in front of the page. */
const TYPING = 'input, textarea, select, [contenteditable]:not([contenteditable="false"])';
const DIALOG = '[role="dialog"], .ant-modal-wrap, .ant-drawer';

/** A "/" pressed on the page itself (not typed into a field, not in a dialog, no Ctrl/Alt/⌘). */
export function isSearchShortcut(event: Pick<KeyboardEvent, 'key' | 'altKey' | 'ctrlKey' | 'metaKey' | 'isComposing' | 'defaultPrevented' | 'target'>): boolean {
  if (event.key !== '/' || event.altKey || event.ctrlKey || event.metaKey || event.isComposing || event.defaultPrevented) return false;
  const target = event.target;
  if (!(target instanceof Element)) return true;
  return !target.closest(TYPING) && !target.closest(DIALOG);
}

/**
 * "/" anywhere on the page focuses the search box (as on GitHub or Jira); Escape in it leaves it, keeping
 * what was typed. Returns the ref for the box (an antd Input).
 */
export function useSearchShortcut() {
  const ref = useRef<InputRef>(null);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const box = ref.current;
      if (!box?.input) return;
      if (event.key === 'Escape' && event.target === box.input) {
        // A search input's own Escape would empty it.
        event.preventDefault();
        box.blur();
      } else if (isSearchShortcut(event)) {
        // Else the "/" would be typed into the box focused on its key down.
        event.preventDefault();
        box.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);
  return ref;
}

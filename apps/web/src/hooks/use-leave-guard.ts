import { useEffect, useRef, type MutableRefObject } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router-dom';

/**
 * While `dirty`, leaving the page asks first: in the app (a confirm with these texts, already
 * translated) and when the tab closes (the browser's own prompt). Used by the designers. The ref it
 * gives may be cleared at once after a save, before the next render, so a navigation that follows the
 * save is not asked about.
 */
export function useLeaveGuard(dirty: boolean, texts: { title: string; content: string; leave: string }): MutableRefObject<boolean> {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const guardRef = useRef(dirty);
  guardRef.current = dirty;
  const textsRef = useRef(texts);
  textsRef.current = texts;
  const blocker = useBlocker(({ currentLocation, nextLocation }) => guardRef.current && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: textsRef.current.title,
      content: textsRef.current.content,
      okText: textsRef.current.leave,
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true },
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!dirty) return undefined;
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
  return guardRef;
}

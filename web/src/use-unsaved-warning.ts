import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { Modal } from 'antd';
import { useT } from './i18n';

/**
 * While `dirty`, leaving asks first: another page of the app (the router's blocker) or closing
 * and reloading the tab (the browser's own beforeunload prompt).
 */
export function useUnsavedWarning(dirty: boolean) {
  const t = useT();
  const blocker = useBlocker(dirty);
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    Modal.confirm({
      title: t('unsavedTitle'),
      content: t('unsavedLeave'),
      okText: t('leaveAnyway'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, t]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}

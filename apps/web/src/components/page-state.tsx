import { Button, Spin } from 'antd';
import { ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../api/client';
import { errorMessage } from '../lib/api-errors';

// Deliberately light (no antd Result/Typography): these states are part of the first route's bundle.

/**
 * While a page loads: inside the app, a skeleton of a page (a title bar, a toolbar and rows) where the
 * content will be; on a full screen (before the shell exists), a spinner.
 */
export function PageLoading({ fullScreen = false }: { fullScreen?: boolean }) {
  const { t } = useTranslation();
  if (!fullScreen) {
    return (
      <div className="page-skeleton" role="status" aria-live="polite" data-testid="page-skeleton">
        <div className="page-skeleton__bar page-skeleton__bar--title" />
        <div className="page-skeleton__bar page-skeleton__bar--tools" />
        {[0, 1, 2, 3, 4, 5].map((row) => <div key={row} className="page-skeleton__bar page-skeleton__bar--row" />)}
        <span className="visually-hidden">{t('common.loading')}</span>
      </div>
    );
  }
  return (
    <div className={fullScreen ? 'page-state page-state--full' : 'page-state'} role="status" aria-live="polite">
      <Spin />
      <span className="visually-hidden">{t('common.loading')}</span>
    </div>
  );
}

export function PageError({ error, onRetry, fullScreen = false }: { error: unknown; onRetry?: () => void; fullScreen?: boolean }) {
  const { t } = useTranslation();
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  const notFound = isApiError(error) && error.status === 404;
  const message = isApiError(error)
    ? errorMessage(error, translate)
    : t('errors.UNKNOWN', { defaultValue: error instanceof Error ? error.message : String(error) });
  return (
    <div className={fullScreen ? 'page-state page-state--full' : 'page-state'} role="alert">
      <div className="page-state__box">
        <ExclamationCircleOutlined className="page-state__icon" aria-hidden />
        <div className="page-state__title">{notFound ? t('errors.NOT_FOUND') : t('common.loadFailed')}</div>
        {!notFound && <div className="page-state__message">{message}</div>}
        <div className="page-state__actions">
          {onRetry && <Button onClick={onRetry}>{t('common.retry')}</Button>}
          {notFound && <Link to="/">{t('nav.home')}</Link>}
        </div>
      </div>
    </div>
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="page-state page-state--full">
      <div className="page-state__box">
        <div className="page-state__code">404</div>
        <div className="page-state__title">{t('errors.PAGE_NOT_FOUND')}</div>
        <div className="page-state__actions">
          <Link to="/">{t('nav.home')}</Link>
        </div>
      </div>
    </div>
  );
}

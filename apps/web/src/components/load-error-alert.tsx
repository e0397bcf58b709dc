import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { errorMessage } from '../lib/api-errors';

/** A list that failed to load: the API's message in the user's language, and a retry button. */
export function LoadErrorAlert({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  return (
    <Alert
      type="error"
      showIcon
      title={isApiError(error) ? errorMessage(error, translate) : t('common.loadFailed')}
      action={<Button size="small" icon={<ReloadOutlined />} onClick={onRetry}>{t('common.retry')}</Button>}
    />
  );
}

import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useParams } from 'react-router-dom';
import { useAppMeta } from '../hooks/use-app-meta';
import { firstFormKey } from '../lib/navigation';

/** /apps/:appKey opens the first form of the navigation. */
export default function AppHome() {
  const { t } = useTranslation();
  const { appKey = '' } = useParams();
  const { app, forms, isLoading } = useAppMeta(appKey);
  if (isLoading) return null;
  const formKey = firstFormKey(app?.navigation, forms);
  if (!formKey) return <Empty className="page-empty" description={t('apps.noForms')} />;
  return <Navigate to={`forms/${encodeURIComponent(formKey)}`} replace />;
}

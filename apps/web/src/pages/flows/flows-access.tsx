import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';

/** What a non-administrator sees at /apps/:appKey/flows (designing flows is for administrators). */
export function FlowsForbidden() {
  const { t } = useTranslation();
  const { appKey = '' } = useParams();
  return (
    <div className="page-state flows-page__forbidden" role="alert" data-testid="flows-forbidden">
      <div className="page-state__box">
        <div className="page-state__code">403</div>
        <div className="page-state__title">{t('flowDesigner.forbidden')}</div>
        <div className="page-state__actions">
          <Link to={`/apps/${encodeURIComponent(appKey)}`}>{t('flowDesigner.backToApp')}</Link>
        </div>
      </div>
    </div>
  );
}

import { Typography } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { fetchRole } from '../../api/admin-endpoints';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { GrantsEditor } from '../../components/admin/grants-editor';
import { PageError, PageLoading } from '../../components/page-state';

/** /admin/roles/:roleId: what a role may do, form by form. */
export default function RoleGrantsPage() {
  const { t } = useTranslation();
  const { roleId = '' } = useParams();
  const role = useQuery({ queryKey: ['role', roleId], queryFn: () => fetchRole(roleId), staleTime: 0, refetchOnMount: 'always' });
  useDocumentTitle(role.data ? `${role.data.name} - ${t('admin.nav.roles')}` : t('admin.nav.roles'));

  return (
    <div className="admin-page" data-testid="admin-role-page">
      <div className="admin-page__toolbar">
        <div className="role-detail__head">
          <Link to="/admin/roles" className="admin-link-button">
            <ArrowLeftOutlined aria-hidden /> {t('admin.roles.back')}
          </Link>
          <Typography.Title level={4} className="admin-page__title">
            {role.data ? t('admin.roles.grantsOf', { name: role.data.name }) : t('admin.roles.grants')}
          </Typography.Title>
          {role.data?.description && <span className="admin-muted">{role.data.description}</span>}
        </div>
      </div>
      <div className="admin-page__hint">{t('admin.grants.hint')}</div>
      {role.isLoading ? (
        <PageLoading />
      ) : role.error || !role.data ? (
        <PageError error={role.error} onRetry={() => void role.refetch()} />
      ) : (
        // Keyed by role: the editor reads the grants once and then holds the unsaved changes.
        <GrantsEditor key={role.data.id} role={role.data} />
      )}
    </div>
  );
}

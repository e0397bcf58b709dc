import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { fetchFormDraft, formDraftKey } from '../api/app-builder-endpoints';
import { isApiError } from '../api/client';
import { fetchFieldTypes, fetchFormDefinition, fieldTypesKey, formDefinitionKey } from '../api/form-design-endpoints';
import { useCurrentUser } from '../auth/use-current-user';
import { FormDesigner } from '../components/form-designer/form-designer';
import { PageError, PageLoading } from '../components/page-state';
import { useAppMeta } from '../hooks/use-app-meta';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useLocale } from '../hooks/use-locale';
import { draftFromForm, newFormDraft, suggestFormKey } from '../lib/form-designer/payload';
import { labelText } from '../lib/label-text';

/** The reserved segment for a new form: /apps/:appKey/forms/new/design. */
const NEW = 'new';

function DesignerForbidden({ appKey }: { appKey: string }) {
  const { t } = useTranslation();
  return (
    <div className="page-state" role="alert" data-testid="form-designer-forbidden">
      <div className="page-state__box">
        <div className="page-state__code">403</div>
        <div className="page-state__title">{t('formDesigner.forbidden')}</div>
        <div className="page-state__actions">
          <Link to={`/apps/${encodeURIComponent(appKey)}`}>{t('flowDesigner.backToApp')}</Link>
        </div>
      </div>
    </div>
  );
}

function DesignerRoute({ appKey, formKey }: { appKey: string; formKey: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const meta = useAppMeta(appKey);
  const types = useQuery({ queryKey: fieldTypesKey, queryFn: fetchFieldTypes, staleTime: 60 * 60 * 1000 });
  // The stored version itself (not the cached list): the designer saves over exactly this version.
  const definition = useQuery({
    queryKey: formDefinitionKey(appKey, formKey),
    queryFn: () => fetchFormDefinition(appKey, formKey),
    enabled: formKey !== NEW,
    staleTime: 0,
    retry: false,
  });
  // A draft saved earlier and not yet published opens instead of the published form (a new form may
  // exist only as a draft).
  const savedDraft = useQuery({
    queryKey: formDraftKey(appKey, formKey),
    queryFn: () => fetchFormDraft(appKey, formKey).catch((error) => {
      if (isApiError(error) && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) return null;
      throw error;
    }),
    enabled: formKey !== NEW,
    staleTime: 0,
    retry: false,
  });
  const draftOnly = formKey !== NEW && !!savedDraft.data && isApiError(definition.error) && definition.error.code === 'NOT_FOUND';
  const isNew = formKey === NEW || draftOnly;
  // The first draft is made once per mount (once its data is there): refetches never reset the edits.
  const initial = useMemo(() => {
    if (formKey === NEW) return meta.isLoading ? undefined : newFormDraft(suggestFormKey(meta.forms.map((form) => form.key)), '');
    if (savedDraft.isLoading || definition.isLoading) return undefined;
    if (savedDraft.data) return draftFromForm(savedDraft.data.definition);
    return definition.data ? draftFromForm(definition.data) : undefined;
  }, [formKey, meta.isLoading, definition.isLoading, savedDraft.isLoading, !!savedDraft.data, definition.data === undefined]);
  useDocumentTitle(isNew ? t('formDesigner.newForm') : t('formDesigner.documentTitle', { name: labelText(definition.data?.name, locale) || formKey }));

  const records = `/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(formKey)}`;
  if (meta.isLoading || types.isLoading || (formKey !== NEW && (definition.isLoading || savedDraft.isLoading))) return <PageLoading />;
  if (!isNew && definition.error) return <PageError error={definition.error} onRetry={() => void definition.refetch()} />;
  if (savedDraft.error) return <PageError error={savedDraft.error} onRetry={() => void savedDraft.refetch()} />;
  if (meta.error) return <PageError error={meta.error} onRetry={meta.refetch} />;
  if (types.error) return <PageError error={types.error} onRetry={() => void types.refetch()} />;
  if (!initial || !types.data) return <PageLoading />;
  if (!isNew && definition.data?.access && !definition.data.access.actions.includes('manage')) return <DesignerForbidden appKey={appKey} />;
  return (
    <FormDesigner
      appKey={appKey}
      app={meta.app}
      initial={initial}
      version={isNew ? null : (savedDraft.data ? savedDraft.data.baseVersion : (definition.data?.version ?? null))}
      fromDraft={!!savedDraft.data}
      fieldTypes={types.data}
      forms={meta.forms}
      backTo={isNew ? `/apps/${encodeURIComponent(appKey)}` : records}
      onSaved={(form) => {
        if (formKey === NEW) navigate(`/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(form.key)}/design`, { replace: true });
      }}
    />
  );
}

/**
 * /apps/:appKey/forms/:formKey/design (or forms/new/design): the form designer, fresh for every form.
 * New forms are for administrators; an existing one also for users whose role may manage it.
 */
export default function FormDesignerPage() {
  const { appKey = '', formKey = NEW } = useParams();
  const { user } = useCurrentUser();
  if (formKey === NEW && !user?.isAdmin) return <DesignerForbidden appKey={appKey} />;
  return <DesignerRoute key={`${appKey}/${formKey}`} appKey={appKey} formKey={formKey} />;
}
